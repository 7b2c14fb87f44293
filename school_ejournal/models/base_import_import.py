"""Odoo's spreadsheet import (base_import) in a Russian school's habits: a CSV
saved by Excel with «;» between the columns, in UTF-8 or windows-1251, with
dates written ДД.ММ.ГГГГ, is read without touching the import options (the
screen sends «,», UTF-8 and no date format by default); errors are Russian and
carry no Python text."""
import csv
import io
import logging
from datetime import datetime

from odoo import api, models
from odoo.tools import DEFAULT_SERVER_DATE_FORMAT, DEFAULT_SERVER_DATETIME_FORMAT

from ..tools.translate import _

_logger = logging.getLogger(__name__)

SEPARATORS = (",", ";", "\t")
# the first that reads every value of a column wins; the user's own format first
DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", DEFAULT_SERVER_DATE_FORMAT, "%d/%m/%Y")
DATETIME_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", DEFAULT_SERVER_DATETIME_FORMAT, "%Y-%m-%d %H:%M",
                    "%d.%m.%Y")


def _all_parse(values, pattern):
    values = [v for v in values if v]
    if not values:
        return False
    try:
        for value in values:
            datetime.strptime(value, pattern)
    except ValueError:
        return False
    return True


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    # ------------------------------------------------------------------ reading
    def _read_csv(self, options):
        self._school_detect_csv(options)
        return super(BaseImportImport, self)._read_csv(options)

    def _school_detect_csv(self, options):
        """The encoding (UTF-8, else windows-1251) and the separator (the one of
        «,», «;», tab that splits the first line into most columns) of the file,
        written into ``options`` when they are the screen's defaults."""
        data = self.file or b""
        encoding = (options.get("encoding") or "utf-8").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8"):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1251", errors="replace")
                options["encoding"] = "cp1251"
        else:
            text = data.decode(options["encoding"], errors="replace")
        if options.get("separator", ",") != ",":
            return
        first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
        quote = str(options.get("quoting") or '"')
        widths = {sep: len(next(csv.reader(io.StringIO(first), delimiter=sep, quotechar=quote), []))
                  for sep in SEPARATORS}
        best = max(SEPARATORS, key=lambda sep: (widths[sep], sep == ","))
        if widths[best] > widths[","]:
            options["separator"] = best

    @api.model
    def _try_match_column(self, preview_values, options):
        # a column of ДД.ММ.ГГГГ dates fixes the date format of the file (Odoo
        # tries only « », «/» and «-» between the parts)
        if not options.get("date_format") and _all_parse(preview_values, "%d.%m.%Y"):
            options["date_format"] = "%d.%m.%Y"
        if not options.get("datetime_format"):
            for pattern in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"):
                if _all_parse(preview_values, pattern):
                    options["datetime_format"] = pattern
                    break
        return super(BaseImportImport, self)._try_match_column(preview_values, options)

    def _read_file(self, options):
        try:
            # read at once: a reader's error (a wrong encoding) surfaces here, not later
            rows = list(super(BaseImportImport, self)._read_file(options))
        except Exception as error:  # noqa: BLE001 - any reader's error: the preview shows this text
            _logger.info("import file refused: %s", error)
            rows = []
        # a header and at least one row (Odoo would answer "CSV file seems to have no content")
        if len(rows) >= (2 if options.get("headers") else 1):
            return iter(rows)
        raise ValueError(_("The file could not be read. Save the spreadsheet as “CSV (semicolon-separated)” or "
                           "as an Excel workbook (XLSX) and upload it again; sample files are linked above the "
                           "file selection field."))

    # ------------------------------------------------------------------ dates
    def _parse_import_data(self, data, import_fields, options):
        """Dates of the model's own columns are read here in any usual spelling
        (the file's format first), then handed on in the server's format."""
        options = dict(options)
        fields_info = self.env[self.res_model].fields_get()
        for index, name in enumerate(import_fields):
            kind = fields_info.get(name, {}).get("type")
            if kind in ("date", "datetime"):
                self._school_parse_dates(data, index, fields_info[name].get("string") or name, kind, options)
        options["date_format"] = DEFAULT_SERVER_DATE_FORMAT
        options["datetime_format"] = DEFAULT_SERVER_DATETIME_FORMAT
        return super(BaseImportImport, self)._parse_import_data(data, import_fields, options)

    def _school_parse_dates(self, data, index, label, kind, options):
        own = options.get("%s_format" % kind)
        patterns = ([own] if own else []) + list(DATE_FORMATS if kind == "date" else DATETIME_FORMATS)
        target = DEFAULT_SERVER_DATE_FORMAT if kind == "date" else DEFAULT_SERVER_DATETIME_FORMAT
        first_line = 2 if options.get("headers") else 1
        for number, line in enumerate(data):
            value = (line[index] or "").strip()
            line[index] = value
            if not value:
                continue
            for pattern in patterns:
                try:
                    line[index] = datetime.strptime(value, pattern).strftime(target)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(_("Row %(number)s, column “%(label)s”: “%(value)s” is not a %(kind)s. Write "
                                   "%(pattern)s, for example %(example)s.") % {
                    "number": number + first_line, "label": label, "value": value,
                    "kind": _("date") if kind == "date" else _("date and time"),
                    "pattern": _("DD.MM.YYYY") if kind == "date" else _("DD.MM.YYYY HH:MM"),
                    "example": "01.09.2026" if kind == "date" else "01.09.2026 08:30"})
