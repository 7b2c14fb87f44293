"""The grade-11 final-grade setting is gone (приказ № 546 gives one rule): its
field leaves the stored views before they are validated against the new
registry, so that an installed school updates without an error."""
import re


def migrate(cr, version):
    cr.execute("SELECT id, arch_db FROM ir_ui_view WHERE arch_db LIKE %s", ("%school_grade11_final_rule%",))
    for view_id, arch in cr.fetchall():
        arch = re.sub(r'<label for="school_grade11_final_rule"/>\s*', "", arch)
        arch = re.sub(r'<field name="school_grade11_final_rule"[^>]*/>\s*', "", arch)
        cr.execute("UPDATE ir_ui_view SET arch_db = %s WHERE id = %s", (arch, view_id))
