# Run inside `odoo shell` right after the demo database is created: the school's
# working language is Russian, for the administrator and for new users too.
lang = env["res.lang"].search([("code", "=", "ru_RU")])
assert lang, "Russian language was not loaded"
env["ir.default"].set("res.partner", "lang", "ru_RU")
env.ref("base.user_root").write({"lang": "ru_RU", "tz": "Europe/Moscow"})
# the superuser is the author of the server's own messages: named in Russian
# (without Odoo's demo «YourCompany» before his name: «YourCompany, Administrator»)
env.ref("base.partner_root").write({"name": "Администратор", "company_name": False})
env.ref("base.main_company").partner_id.write({"lang": "ru_RU"})
env["res.users"].with_context(active_test=False).search([("login", "=", "admin")]).write({"lang": "ru_RU"})
pending = env["ir.module.module"].search([("state", "in", ("to install", "to upgrade", "to remove"))])
assert not pending, "modules left pending: %s" % pending.mapped("name")
env.cr.commit()
