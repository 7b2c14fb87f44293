"""Odoo 11's bus lets any client listen on, and send to, any channel named by a
string, and the pop-ups of background jobs (OCA web_notify) travel on
«notify_info_<user id>»: anyone could read a deputy's seal results or send him a
false «all data match». A client listens to its own user's pop-ups only (the
server adds his mail channels itself), and only the server sends on the bus."""
from odoo.addons.bus.controllers.main import BusController
from odoo.exceptions import AccessError
from odoo.http import request, route

from ..tools.translate import _


class SchoolBusController(BusController):
    @route("/longpolling/send", type="json", auth="public")
    def send(self, channel, message):
        raise AccessError(_("Only the server sends messages on the bus."))

    @route("/longpolling/poll", type="json", auth="public")
    def poll(self, channels, last, options=None):
        uid = request.session.uid
        if not uid:
            return []   # a visitor has no channel: nothing to wait for
        own = {"notify_info_%s" % uid, "notify_warning_%s" % uid}
        return super(SchoolBusController, self).poll([c for c in channels if c in own], last, options)
