# Code that needs no env: plain functions and tables, importable from tests and
# scripts. Nothing here imports odoo.models.
