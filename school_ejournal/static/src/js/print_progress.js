odoo.define('school_ejournal.print_progress', function (require) {
"use strict";
/**
 * The progress bar of a background print (school.journal.print): while its
 * jobs run, the form reads the record again every few seconds, so the counter
 * «12 из 44 журналов» moves without the user reloading. The jobs do not depend
 * on the page: the user may leave it, a notice comes when they end.
 */
var basicFields = require('web.basic_fields');
var fieldRegistry = require('web.field_registry');

var REFRESH_MS = 2000;

var PrintProgress = basicFields.FieldProgressBar.extend({
    _render: function () {
        this._super.apply(this, arguments);
        clearTimeout(this._schoolTimer);
        if (this.record.data.state === 'running') {
            var self = this;
            this._schoolTimer = setTimeout(function () {
                self.trigger_up('reload');
            }, REFRESH_MS);
        }
    },
    destroy: function () {
        clearTimeout(this._schoolTimer);
        this._super.apply(this, arguments);
    },
});

fieldRegistry.add('school_print_progress', PrintProgress);

return PrintProgress;
});
