from odoo import fields, models

from ..models.period_seal import PROBLEMS


class SchoolPeriodSealCheck(models.TransientModel):
    _name = "school.period.seal.check"
    _description = "Проверка целостности"

    seal_ids = fields.Many2many("school.period.seal", string="Печати", readonly=True)
    ok = fields.Boolean(string="Всё совпадает", readonly=True)
    report = fields.Text(string="Результат", readonly=True)
    line_ids = fields.One2many("school.period.seal.check.line", "check_id", string="Расхождения",
                               readonly=True)


class SchoolPeriodSealCheckLine(models.TransientModel):
    _name = "school.period.seal.check.line"
    _description = "Расхождение с печатью"
    # client_gate.py: the check's findings, written by «Проверить целостность» only
    _school_server_fields = ("check_id", "seal_id", "model", "res_id", "problem", "description")

    check_id = fields.Many2one("school.period.seal.check", required=True, ondelete="cascade")
    seal_id = fields.Many2one("school.period.seal", string="Печать", readonly=True)
    model = fields.Char(string="Объект", readonly=True)
    res_id = fields.Integer(string="ID записи", readonly=True)
    problem = fields.Selection(PROBLEMS, string="Что", readonly=True)
    description = fields.Text(string="Описание", readonly=True)
