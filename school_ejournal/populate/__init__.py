# the demo school and its journal (school.demo, school.journal.demo): data, not behaviour
from . import demo
from . import journal_demo
