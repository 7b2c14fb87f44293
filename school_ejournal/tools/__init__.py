"""Code that needs no database environment (never imports odoo.models)."""
