"""The sample files of the spreadsheet import (data/import_samples), offered as
links on the import screen of the lists they fill."""
import os

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import content_disposition, request

FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "import_samples")
# model -> [(file, what it holds)]; the import screen's template shows the same links
SAMPLES = {
    "school.student": [("students_class_list.csv", "Список класса с родителями")],
    "res.users": [("staff.csv", "Сотрудники")],
    "school.timetable": [("timetable.csv", "Расписание уроков")],
    "school.exam.protocol.import": [("oge_protocol.csv", "Протокол ОГЭ по предмету")],
}
FILES = {name for samples in SAMPLES.values() for name, _label in samples}


class SchoolImportSamples(http.Controller):

    @http.route(["/school_ejournal/import_sample/<string:name>"], type="http", auth="user")
    def school_import_sample(self, name, **kw):
        if name not in FILES:
            raise NotFound()
        with open(os.path.join(FOLDER, name), "rb") as sample:
            content = sample.read()
        return request.make_response(content, headers=[
            ("Content-Type", "text/csv; charset=utf-8"), ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(name))])
