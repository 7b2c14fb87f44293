"""The weekly report to parents now runs in background jobs. A school installed
before keeps the cron's stored code (its record is noupdate): the old default
code moves to the new one here; a code the school wrote itself stays."""
OLD_CODE = "model._cron_weekly_digest()"
NEW_CODE = "model._cron_weekly_digest(in_jobs=True)"


def migrate(cr, version):
    cr.execute("""
        UPDATE ir_act_server s SET code = %s
          FROM ir_cron c JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
         WHERE s.id = c.ir_actions_server_id AND d.module = 'school_ejournal'
           AND d.name = 'cron_monitoring_weekly_digest' AND btrim(s.code, %s) = %s
    """, (NEW_CODE, " \t\r\n", OLD_CODE))
