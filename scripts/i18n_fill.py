"""Write school_ejournal/i18n/ru.po from a fresh school_ejournal.pot export.

The addon's source strings are written in English, as Odoo's and OCA's are; the
Russian UI comes from ru.po. A term keeps its translation from the existing ru.po
(or RU_TERMS below, for Odoo's own strings that reach the addon's terms). A term
with no translation, or a source string written in Russian, fails this script.
Usage: python scripts/i18n_fill.py POT_FILE PO_FILE
"""
import re
import sys

import polib

CYRILLIC = re.compile("[А-Яа-яЁё]")
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# English strings that reach the addon's terms from Odoo itself (magic fields,
# inherited models) or are technical and stay as they are.
RU_TERMS = {
    "Check": "Проверка",
    "base_import.import": "Импорт файла",
    "Delete": "Удалить",
    "Companies": "Организации",
    "Contact": "Контакт",
    "Created by": "Создано",
    "Created on": "Дата создания",
    "Display Name": "Отображаемое имя",
    "ID": "ID",
    "Last Modified on": "Последнее изменение",
    "Last Updated by": "Последний раз обновил",
    "Last Updated on": "Последнее обновление",
    "State": "Состояние",
    "Users": "Пользователи",
    "Wizard": "Мастер",
    "SHA-256": "SHA-256",
    "%(label)s: %(model)s id %(res_id)s — %(problem)s": "%(label)s: %(model)s id %(res_id)s — %(problem)s",
    "res.config.settings": "Настройки",
    "ir.actions.report": "Отчёт",
    "Activity": "Активность",
    "Add Channels": "Добавить каналы",
    "Add Followers": "Добавить подписчиков",
    "Document Followers": "Подписчики документа",
    "Email Template": "Шаблон письма",
    "HTTP routing": "HTTP-маршрутизация",
    "Message": "Сообщение",
    "base": "Базовая модель",
    "ir.attachment": "Вложение",
    "res.authentication.attempt": "Попытка входа",
}


def needs_translation(msgid):
    """Letters outside placeholders and web addresses: words to translate."""
    text = re.sub(r"https?://\S+", "", PLACEHOLDER.sub("", msgid))
    return bool(re.search("[A-Za-z]", text))


def main(pot_path, po_path):
    pot = polib.pofile(pot_path)
    # Odoo's export drops the web client's mark of a term its JavaScript shares with
    # Python or a view: the client then never loads the term's translation
    for entry in pot:
        if any("/static/src/" in path for path, _line in entry.occurrences) and "openerp-web" not in entry.comment:
            entry.comment = "\n".join(filter(None, [entry.comment, "openerp-web"]))
    pot.save(pot_path)
    try:
        old = {e.msgid: e.msgstr for e in polib.pofile(po_path) if e.msgstr}
    except (OSError, ValueError):
        old = {}
    po = polib.POFile()
    po.metadata = dict(pot.metadata)
    po.metadata.update({"Language": "ru", "Content-Type": "text/plain; charset=UTF-8",
                        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
                                        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"})
    missing, russian = [], []
    for entry in pot:
        if CYRILLIC.search(entry.msgid):
            russian.append(entry.msgid)
            continue
        translated = old.get(entry.msgid) or RU_TERMS.get(entry.msgid)
        if not translated and not needs_translation(entry.msgid):
            translated = entry.msgid
        if not translated:
            missing.append(entry.msgid)
            continue
        po.append(polib.POEntry(msgid=entry.msgid, msgstr=translated, occurrences=entry.occurrences,
                                comment=entry.comment, tcomment=entry.tcomment, flags=entry.flags))
    po.save(po_path)
    if russian:
        sys.exit("source strings must be English: %s" % russian)
    if missing:
        sys.exit("untranslated: %s" % missing)


if __name__ == "__main__":
    main(*sys.argv[1:3])
