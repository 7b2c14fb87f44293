from . import login_wizard
from . import lesson_generate
from . import gradebook
from . import period_close
from . import period_grade_suggest
from . import parent_message
from . import report_wizards
from . import class_day
