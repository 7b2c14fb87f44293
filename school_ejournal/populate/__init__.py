# the demo school, its previous year and its journal: data, not behaviour
from . import demo
from . import journal_demo
from . import previous_year_demo
