from odoo import fields, models

from ..models.period_seal import PROBLEMS


class SchoolPeriodSealCheck(models.TransientModel):
    _name = "school.period.seal.check"
    _description = "Integrity Check"

    seal_ids = fields.Many2many("school.period.seal", string="Seals", readonly=True)
    ok = fields.Boolean(string="Everything Matches", readonly=True)
    report = fields.Text(string="Result", readonly=True)
    line_ids = fields.One2many("school.period.seal.check.line", "check_id", string="Discrepancies",
                               readonly=True)


class SchoolPeriodSealCheckLine(models.TransientModel):
    _name = "school.period.seal.check.line"
    _description = "Seal Discrepancy"
    # client_gate.py: the check's findings, written by «Проверить целостность» only
    _school_server_fields = ("check_id", "seal_id", "model", "res_id", "problem", "description")

    check_id = fields.Many2one("school.period.seal.check", required=True, ondelete="cascade")
    seal_id = fields.Many2one("school.period.seal", readonly=True)
    model = fields.Char(string="Object", readonly=True)
    res_id = fields.Integer(string="Record ID", readonly=True)
    problem = fields.Selection(PROBLEMS, string="What", readonly=True)
    description = fields.Text(readonly=True)
