odoo.define('school_ejournal.login_wizard', function (require) {
"use strict";
/* «Выдать доступ и напечатать» opens the slips in a new tab. A tab opened when
 * the server has answered is a pop-up that the browser may block (the click is
 * no longer "recent" on a slow network), so the tab is opened on the click
 * itself and the slips' one-time link is loaded into it. */
var ActionManager = require('web.ActionManager');
var FormController = require('web.FormController');

var MODEL = 'school.login.wizard';
var pending = null;

function dropPending() {
    if (pending && !pending.closed) {
        pending.close();
    }
    pending = null;
}

FormController.include({
    _onButtonClicked: function (event) {
        var attrs = event.data.attrs || {};
        if (this.modelName === MODEL && attrs.name === 'action_issue' && attrs.type === 'object') {
            dropPending();
            pending = window.open('', '_blank');
        }
        return this._super.apply(this, arguments);
    },
    _callButtonAction: function (attrs) {
        var def = this._super.apply(this, arguments);
        if (this.modelName === MODEL && attrs && attrs.name === 'action_issue') {
            def.fail(dropPending);  // refused: nothing to show in the tab
        }
        return def;
    },
});

ActionManager.include({
    ir_actions_act_url: function (action, options) {
        if (pending && !pending.closed && action.target !== 'self') {
            pending.location = action.url;
            pending = null;
            options.on_close();
            return $.when();
        }
        dropPending();
        return this._super.apply(this, arguments);
    },
});

});
