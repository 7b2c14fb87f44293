odoo.define('school_ejournal.look', function (require) {
"use strict";
/**
 * The school's look of the back office:
 * - a refusal of the server comes in a dialog titled «Проверка» (a check of
 *   the data) or «Нет доступа» (rights), never «Odoo Server Error»;
 * - the window is titled with the school's journal, not «Odoo»;
 * - «Править»/«Удалить» are not offered on a journal record the server says
 *   this user may not change (its computed field ``school_can_edit``, from the
 *   same rules as the write guard);
 * - a button on the row being edited in a list saves the row first (Odoo 11
 *   ran it on the saved record and its reload dropped the row's changes: a
 *   period grade changed with its reason was confirmed with the old value);
 * Odoo's own words in Russian: static/src/js/school_ru.js.
 */
var AbstractWebClient = require('web.AbstractWebClient');
var core = require('web.core');
var CrashManager = require('web.CrashManager');
var FormController = require('web.FormController');
var ListController = require('web.ListController');

var _t = core._t;
// lazy: the titles are defined before the translations are loaded
var _lt = core._lt;

// the kind of the server's exception -> the dialog's title
var TITLES = {
    user_error: _lt('Check'),
    warning: _lt('Check'),
    validation_error: _lt('Check'),
    except_orm: _lt('Check'),
    access_error: _lt('No Access'),
    access_denied: _lt('No Access'),
    missing_error: _lt('Record not found'),
};

CrashManager.include({
    show_warning: function (error) {
        var kind = error && error.data && error.data.exception_type;
        if (kind && TITLES[kind]) {
            error = _.extend({}, error, {type: String(TITLES[kind]),
                                         data: _.extend({}, error.data, {title: ''})});
        } else if (error && (!error.type || /odoo/i.test(error.type))) {
            error = _.extend({}, error, {type: _t('Warning')});
        }
        return this._super(error);
    },
    show_error: function (error) {
        // «Odoo Server Error» is the server's message, not a translated term
        if (error && (!error.type || /odoo/i.test(error.type))) {
            error = _.extend({}, error, {type: _t('Server Error')});
        }
        return this._super(error);
    },
});

AbstractWebClient.include({
    init: function () {
        this._super.apply(this, arguments);
        this.set('title_part', {zopenerp: _t('E-Journal')});
    },
});

ListController.include({
    _onButtonClicked: function (event) {
        var self = this;
        var record = event.data.record;
        if (!this.editable || !record || record.id !== this.renderer.getEditableRecordID()) {
            return this._super.apply(this, arguments);
        }
        event.stopPropagation();
        this.saveRecord(record.id, {stayInEdit: true}).then(function () {
            return self._callButtonAction(event.data.attrs, self.model.get(record.id));
        });
    },
});

FormController.include({
    /** The record is in the database and the server refuses its change. */
    _schoolLocked: function () {
        var record = this.handle && this.model.get(this.handle, {raw: true});
        return !!(record && record.res_id && record.data &&
                  'school_can_edit' in record.data && record.data.school_can_edit === false);
    },
    _updateButtons: function () {
        this._super.apply(this, arguments);
        if (this.$buttons) {
            this.$buttons.find('.o_form_button_edit').toggleClass('o_hidden', this._schoolLocked());
        }
    },
    _updateSidebar: function () {
        this._super.apply(this, arguments);
        if (!this.sidebar || !this.sidebar.items) {
            return;
        }
        var other = this.sidebar.items.other;
        var label = _t('Delete');
        var locked = this._schoolLocked();
        var index = _.findIndex(other, function (item) { return item.label === label; });
        if (locked && index >= 0) {
            this._schoolDelete = other.splice(index, 1)[0];
            this.sidebar._redraw();
        } else if (!locked && index < 0 && this._schoolDelete) {
            other.unshift(this._schoolDelete);
            this._schoolDelete = null;
            this.sidebar._redraw();
        }
    },
});

});
