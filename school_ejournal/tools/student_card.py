"""The pupil card's «Успеваемость»: his marks, averages and absences per
subject (rows) and period (columns) as an HTML table."""
from odoo.tools import html_escape


def journal_table(student_id, subjects, periods, facts, subject_label, absences_label):
    """``subjects``, ``periods``: [(id, name)] in display order; ``facts``: the
    ({(student, subject, period): marks text}, {…: (absences, excused)},
    {…: average}) of school.student._journal_facts."""
    marks, absences, averages = facts
    head = "".join("<th class='text-center'>%s</th>" % html_escape(name) for _id, name in periods)
    rows = []
    for subject_id, subject_name in subjects:
        cells = []
        for period_id, _name in periods:
            key = (student_id, subject_id, period_id)
            parts = []
            if key in marks:
                parts.append(html_escape(marks[key]))
                if key in averages:
                    parts.append("<b>%s</b>" % ("%.2f" % averages[key]).replace(".", ","))
            if key in absences:
                total, excused = absences[key]
                parts.append("<span class='text-danger'>%s</span>" % html_escape(
                    absences_label % (total, excused)))
            cells.append("<td>%s</td>" % "<br/>".join(parts))
        rows.append("<tr><td>%s</td>%s</tr>" % (html_escape(subject_name), "".join(cells)))
    return ("<table class='table table-condensed table-bordered o_school_student_journal'>"
            "<thead><tr><th>%s</th>%s</tr></thead><tbody>%s</tbody></table>"
            % (html_escape(subject_label), head, "".join(rows)))
