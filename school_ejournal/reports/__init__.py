# SQL-view models (_auto = False) first: the renderers below read them
from . import report_metrics
from . import report_pupil_results
from . import violation_teacher
from . import staff_usage_report
from . import ir_actions_report
from . import access_slip
from . import class_journal
from . import attendance_report
from . import student_progress
from . import metrics_report
from . import programme_report
from . import xlsx_reports
from . import regulation
from . import activity_journal
# last: it extends the renderers above
from . import renderer_guard
