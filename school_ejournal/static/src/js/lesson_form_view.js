odoo.define('school_ejournal.lesson_form_view', function (require) {
"use strict";

/**
 * «school_lesson_form»: the lesson form opens ready for marks when the user may
 * change the lesson, and offers «Править»/«Удалить» only when he may (its
 * roster widget is in lesson_form.js).
 */

var core = require('web.core');
var FormController = require('web.FormController');
var FormView = require('web.FormView');
var view_registry = require('web.view_registry');

var _t = core._t;

var LessonFormController = FormController.extend({
    /**
     * Opens the lesson ready for marks when the user may change it.
     *
     * @override
     */
    start: function () {
        var self = this;
        return this._super.apply(this, arguments).then(function () {
            return self._editIfAllowed();
        });
    },
    renderSidebar: function () {
        this._super.apply(this, arguments);
        if (this.sidebar && !this.deleteItem) {
            this.deleteItem = _.find(this.sidebar.items.other, function (item) {
                return item.label === _t('Delete');
            });
            this._updateSidebar();
        }
    },

    _editScope: function () {
        var record = this.handle && this.model.get(this.handle);
        return record ? record.data.edit_scope : false;
    },
    _editIfAllowed: function () {
        var record = this.model.get(this.handle);
        if (this.mode === 'readonly' && record && record.res_id && this._editScope() &&
                this.autoEdited !== record.res_id) {
            this.autoEdited = record.res_id;
            return this._setMode('edit');
        }
    },
    _update: function () {
        var self = this;
        return this._super.apply(this, arguments).then(function () {
            return self._editIfAllowed();
        });
    },
    _updateButtons: function () {
        this._super.apply(this, arguments);
        if (this.$buttons) {
            this.$buttons.find('.o_form_button_edit').toggleClass('o_hidden', !this._editScope());
        }
    },
    _updateSidebar: function () {
        if (this.sidebar && this.deleteItem) {
            var items = this.sidebar.items.other;
            var at = items.indexOf(this.deleteItem);
            var allowed = this._editScope() === 'lesson';
            if (allowed && at < 0) {
                items.unshift(this.deleteItem);
                this.sidebar._redraw();
            } else if (!allowed && at >= 0) {
                items.splice(at, 1);
                this.sidebar._redraw();
            }
        }
        this._super.apply(this, arguments);
    },
});

var LessonFormView = FormView.extend({
    config: _.extend({}, FormView.prototype.config, {
        Controller: LessonFormController,
    }),
});

view_registry.add('school_lesson_form', LessonFormView);

return {
    LessonFormController: LessonFormController,
    LessonFormView: LessonFormView,
};

});
