odoo.define('school_ejournal.home', function (require) {
"use strict";
// The staff's home screen and the week timetables: client actions that show
// what the server computed (school.home.get_home, school.timetable.get_week_grid).
var core = require('web.core');
var Widget = require('web.Widget');

var QWeb = core.qweb;

var SchoolHome = Widget.extend({
    template: 'school_ejournal.Home',
    events: {
        'click .o_school_home_lesson': '_onLesson',
        'click .o_school_home_tile': '_onTile',
    },
    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.role = (action.params || {}).role || false;
        this.data = null;
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },
    start: function () {
        this._render();
        this._showJournalMenu();
        return this._super.apply(this, arguments);
    },
    // the login lands here through res.users.action_id, which no menu holds:
    // show the journal's menus as if «Главная» had been clicked
    _showJournalMenu: function () {
        var actionManager = this.getParent();
        var webClient = actionManager && actionManager.getParent && actionManager.getParent();
        var menu = webClient && webClient.menu;
        if (!menu || !menu.open_menu || !menu.$el) {
            return;
        }
        var id = menu.$el.find('a[data-menu-xmlid="school_ejournal.menu_home"]').data('menu') ||
            $('a[data-menu-xmlid="school_ejournal.menu_home"]').data('menu');
        if (id) {
            menu.open_menu(id);
        }
    },
    // back from a lesson through the breadcrumbs: show what changed there
    do_show: function () {
        var self = this;
        this._super.apply(this, arguments);
        return this._load().then(function () { self._render(); });
    },
    _load: function () {
        var self = this;
        return this._rpc({model: 'school.home', method: 'get_home', args: [this.role]})
            .then(function (data) { self.data = data; });
    },
    _render: function () {
        this.$el.attr('data-role', this.data.role);
        this.$el.html(QWeb.render('school_ejournal.HomeContent', {data: this.data}));
    },
    _onLesson: function (ev) {
        ev.preventDefault();
        this.do_action({
            type: 'ir.actions.act_window', res_model: 'school.lesson', views: [[false, 'form']],
            res_id: $(ev.currentTarget).data('id'), target: 'current',
        });
    },
    _onTile: function (ev) {
        ev.preventDefault();
        var key = $(ev.currentTarget).data('key');
        var tile = _.findWhere(this.data.tiles, {key: key});
        if (tile) {
            this.do_action(tile.action);
        }
    },
});

var SchoolWeek = Widget.extend({
    template: 'school_ejournal.Week',
    events: {
        'change select[name="kind"]': '_onKind',
        'change select[name="key"]': '_onKey',
        'click .o_school_week_prev': '_onPrev',
        'click .o_school_week_next': '_onNext',
    },
    init: function (parent, action) {
        this._super.apply(this, arguments);
        var params = action.params || {};
        this.kind = params.kind || 'class';
        this.key = params.mine ? 'mine' : false;
        this.day = false;
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },
    start: function () {
        this._render();
        return this._super.apply(this, arguments);
    },
    _load: function () {
        var self = this;
        return this._rpc({model: 'school.timetable', method: 'get_week_grid',
                          args: [this.kind, this.key, this.day]})
            .then(function (data) {
                self.data = data;
                self.kind = data.kind;
                self.key = data.key;
                self.day = data.monday;
            });
    },
    _reload: function () {
        var self = this;
        return this._load().then(function () { self._render(); });
    },
    _render: function () {
        this.$el.attr({'data-kind': this.data.kind, 'data-key': this.data.key});
        this.$el.html(QWeb.render('school_ejournal.WeekContent', {data: this.data}));
        this.$('select[name="kind"]').val(this.data.kind);
        this.$('select[name="key"]').val(String(this.data.key));
    },
    _onKind: function (ev) {
        this.kind = $(ev.currentTarget).val();
        this.key = false;
        this._reload();
    },
    _onKey: function (ev) {
        this.key = $(ev.currentTarget).val();
        this._reload();
    },
    _onPrev: function () {
        this.day = this.data.prev;
        this._reload();
    },
    _onNext: function () {
        this.day = this.data.next;
        this._reload();
    },
});

core.action_registry.add('school_home', SchoolHome);
core.action_registry.add('school_week', SchoolWeek);

return {SchoolHome: SchoolHome, SchoolWeek: SchoolWeek};
});
