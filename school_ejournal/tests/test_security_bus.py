"""The bus of a real prefork server (its longpolling process): a client hears its own
user's pop-ups only, a visitor hears nothing, and nobody but the server sends. Odoo 11
lets a client name any string channel, and the background jobs' pop-ups (seal checks,
prints, the rollover) travel on «notify_info_<user id>»."""
import json

import requests
from odoo.tests.common import TransactionCase

from .server import prefork_server

USERS = ("deputy", "teacher", "school_admin")


class TestBusChannels(TransactionCase):
    def setUp(self):
        super(TestBusChannels, self).setUp()
        self.uids = {login: self.env.ref("school_ejournal.user_%s" % login).id for login in USERS}
        self.channels = ["notify_%s_%s" % (kind, uid) for uid in self.uids.values() for kind in ("info", "warning")]
        # the server's process reads committed rows: a pop-up of every user's, removed after
        with self.registry.cursor() as cr:
            for channel in self.channels:
                cr.execute("""INSERT INTO bus_bus (channel, message, create_date, create_uid, write_date, write_uid)
                              VALUES (%s, %s, now() at time zone 'UTC', 1, now() at time zone 'UTC', 1)""",
                           (json.dumps(channel), json.dumps({"message": "pop-up of " + channel})))
        self.addCleanup(self._remove_rows)

    def _remove_rows(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM bus_bus WHERE channel IN %s OR message LIKE %s",
                       (tuple(json.dumps(c) for c in self.channels), '%forged%'))

    @staticmethod
    def rpc(session, url, params):
        response = session.post(url, data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                                                      "params": params}),
                                headers={"Content-Type": "application/json"}, timeout=60)
        return response.json()

    def test_each_user_hears_his_own_pop_ups_and_nobody_sends(self):
        with prefork_server() as server:
            self.assertIsNotNone(server["login_page"], "prefork server did not answer")
            for login, uid in self.uids.items():
                session = requests.Session()
                result = self.rpc(session, server["http"] + "/web/session/authenticate",
                                  {"db": self.env.cr.dbname, "login": login, "password": login})
                self.assertEqual(result["result"]["uid"], uid)
                heard = self.rpc(session, server["poll"] + "/longpolling/poll",
                                 {"channels": self.channels, "last": 0})["result"]
                self.assertEqual(sorted(n["channel"] for n in heard if n["channel"] in self.channels),
                                 ["notify_info_%s" % uid, "notify_warning_%s" % uid], login)
                refused = self.rpc(session, server["poll"] + "/longpolling/send",
                                   {"channel": "notify_info_%s" % self.uids["deputy"],
                                    "message": {"message": "forged: all data match"}})
                self.assertIn("Сообщения по шине отправляет только сервер.", refused["error"]["data"]["message"])
            visitor = requests.Session()
            # a visitor hears nothing (his session is refused, or he has no channel)
            answer = self.rpc(visitor, server["poll"] + "/longpolling/poll", {"channels": self.channels, "last": 0})
            self.assertFalse(answer.get("result"), answer)
            self.assertIn("error", self.rpc(visitor, server["http"] + "/longpolling/send",
                                            {"channel": "notify_info_%s" % self.uids["deputy"],
                                             "message": {"message": "forged: all data match"}}))
        with self.registry.cursor() as cr:
            cr.execute("SELECT count(*) FROM bus_bus WHERE message LIKE %s", ("%forged%",))
            self.assertEqual(cr.fetchone()[0], 0)
