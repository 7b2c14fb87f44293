odoo.define('school_ejournal.check_now', function (require) {
"use strict";
/**
 * «Проверить сейчас» in the list of a monitoring screen: the action's context
 * names the checks (school_check_now: [...]); the server decides from the
 * user's groups what runs and for which classes.
 */
var core = require('web.core');
var ListController = require('web.ListController');

var _t = core._t;

ListController.include({
    renderButtons: function ($node) {
        this._super.apply(this, arguments);
        var context = (this.initialState && this.initialState.context) || {};
        var kinds = context.school_check_now;
        if (kinds && this.$buttons) {
            var $button = $('<button type="button" class="btn btn-sm btn-default o_school_check_now"/>')
                .text(_t("Check Now"));
            $button.on('click', this._onSchoolCheckNow.bind(this, kinds));
            this.$buttons.append($button);
        }
    },
    _onSchoolCheckNow: function (kinds, event) {
        var self = this;
        var $button = $(event.currentTarget).prop('disabled', true);
        return this._rpc({model: 'school.monitoring', method: 'action_check_now', args: [kinds]})
            .then(function (result) {
                self.do_notify(_t("Check Complete"), result.message);
                return self.reload();
            }).always(function () {
                $button.prop('disabled', false);
            });
    },
});

});
