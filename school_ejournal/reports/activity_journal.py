"""The printed journal of an extracurricular course: the group with the pupils'
classes, the attendance by sessions (15 to a page), the topics of the sessions
held; read through the printing user's rights."""
from odoo import api, models

from ..tools.dates import format_date
from ..models.activity_course import format_time

PAGE = 15


class ReportActivityJournal(models.AbstractModel):
    _name = "report.school_ejournal.report_activity_journal"
    _description = "Extracurricular Activity Journal"

    @api.model
    def _course_sheet(self, course):
        sessions = course.session_ids.sorted(lambda s: (s.date, s.time_from))
        pupils = course.student_ids.sorted("name")
        absent = {(line.session_id.id, line.student_id.id) for line in sessions.mapped("line_ids")
                  if line.presence == "absent"}
        held = sessions.filtered(lambda s: not s.cancelled)
        # the journal's own notation of an absence, as on the class journal's pages
        mark = self.env.ref("school_ejournal.attendance_code_n").sudo().code
        pages = [held[start:start + PAGE] for start in range(0, len(held), PAGE)]
        return {
            "course": course, "kind": course._school_selection_labels("kind").get(course.kind, ""),
            "classes": ", ".join(course.class_ids.sorted("name").mapped("name")),
            "pupils": [{"name": p.name, "class": p.current_class_id.name or ""} for p in pupils],
            "timetable": ", ".join(line.display_name for line in course.line_ids),
            "pages": [{"dates": [format_date(s.date)[:5] for s in page],
                       "rows": [{"name": p.name, "marks": [mark if (s.id, p.id) in absent else "" for s in page]}
                                for p in pupils]} for page in pages],
            "sessions": [{"number": index + 1, "date": format_date(s.date), "time": format_time(s.time_from),
                          "topic": s.topic or "", "cancelled": s.cancelled,
                          "absent": len([p for p in pupils if (s.id, p.id) in absent])}
                         for index, s in enumerate(sessions)],
            "held": len(held),
        }

    @api.model
    def get_report_values(self, docids, data=None):
        courses = self.env["school.activity.course"].browse(docids)
        courses.check_access_rights("read")
        courses.check_access_rule("read")
        return {"doc_ids": docids, "doc_model": "school.activity.course", "docs": courses,
                "sheets": [self._course_sheet(course) for course in courses],
                "company": self.env.user.company_id}
