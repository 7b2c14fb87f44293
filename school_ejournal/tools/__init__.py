"""Code that needs no database environment: plain functions and tables, importable
from tests and scripts. Nothing here imports odoo.models."""
