odoo.define('school_ejournal.gradebook_grid', function (require) {
"use strict";
/**
 * «Журнал класса»: pupils × lessons of one class, subject and period.
 *
 * The grid is a field widget on school.gradebook.grid_data (JSON computed by the
 * server); each cell is saved as it is left (Enter, Tab, arrows, a click
 * elsewhere) by one call of school.gradebook.grid_set_cell, which writes the
 * roster row through the journal's guard. The form itself never holds changes,
 * so leaving it asks nothing (GradebookFormController).
 */
var AbstractField = require('web.AbstractField');
var core = require('web.core');
var field_registry = require('web.field_registry');
var FormController = require('web.FormController');
var FormView = require('web.FormView');
var view_registry = require('web.view_registry');

var _t = core._t;
// lazy: defined before the translations are loaded
var WEEKDAYS = [core._lt("Sun"), core._lt("mon"), core._lt("tue"), core._lt("wed"), core._lt("thu"),
                core._lt("fri"), core._lt("sat")];

function parseDay(text) {
    var parts = (text || "").split("-");
    return new Date(+parts[0], +parts[1] - 1, +parts[2]);
}

function mondayOf(day) {
    var monday = new Date(day.getTime());
    monday.setDate(day.getDate() - (day.getDay() + 6) % 7);
    return monday.getTime();
}

var GradebookGrid = AbstractField.extend({
    className: 'o_school_grid',
    supportedFieldTypes: ['text'],
    events: _.extend({}, AbstractField.prototype.events, {
        'keydown input.o_school_grid_input': '_onCellKeydown',
        'change input.o_school_grid_input': '_onCellChange',
        'focus input.o_school_grid_input': '_onCellFocus',
    }),

    //--------------------------------------------------------------------------
    // Rendering
    //--------------------------------------------------------------------------

    _render: function () {
        var data = this.value ? JSON.parse(this.value) : {lessons: [], pupils: [], cells: []};
        this.$el.empty();
        if (!data.pupils.length) {
            this.$el.append($('<div>', {class: 'text-muted o_school_grid_empty'})
                .text(_t("Select a class, subject and period: students and lessons will appear here.")));
            return;
        }
        var cells = {};
        _.each(data.cells, function (cell) {
            cells[cell[2] + ':' + cell[1]] = {id: cell[0], text: cell[3]};
        });
        var week = null;
        var weekStarts = {};
        _.each(data.lessons, function (lesson) {
            var monday = mondayOf(parseDay(lesson.date));
            weekStarts[lesson.id] = week !== null && monday !== week;
            week = monday;
        });
        var $head = $('<tr>').append($('<th>', {class: 'o_school_grid_pupil'}).text(_t("Student")));
        _.each(data.lessons, function (lesson) {
            var day = parseDay(lesson.date);
            var more = lesson.label.indexOf("(") >= 0 ? " " + lesson.label.slice(lesson.label.indexOf("(")) : "";
            $head.append($('<th>', {
                class: 'o_school_grid_lesson' + (weekStarts[lesson.id] ? ' o_school_grid_week_start' : '') +
                       (lesson.editable ? '' : ' o_school_grid_readonly'),
                'data-lesson-id': lesson.id,
                title: lesson.date.split("-").reverse().join(".") + ", " + lesson.number + _t("th lesson"),
            }).append($('<div>').text(lesson.label.slice(0, 5)),
                      $('<div>', {class: 'o_school_grid_weekday'}).text(WEEKDAYS[day.getDay()] + more)));
        });
        $head.append($('<th>', {class: 'o_school_grid_average', title: _t("Weighted Average")}).text(_t("Avg.")),
                     $('<th>', {class: 'o_school_grid_absences', title: _t("Absences")}).text(_t("Abs.")));
        var $body = $('<tbody>');
        _.each(data.pupils, function (pupil) {
            var $tr = $('<tr>', {'data-pupil-id': pupil.id});
            $tr.append($('<td>', {class: 'o_school_grid_pupil', title: pupil.full}).text(pupil.name));
            _.each(data.lessons, function (lesson) {
                var cell = cells[pupil.id + ':' + lesson.id];
                var $td = $('<td>', {class: 'o_school_grid_cell' + (weekStarts[lesson.id] ? ' o_school_grid_week_start' : '')});
                if (cell) {
                    var $input = $('<input>', {
                        type: 'text', class: 'o_school_grid_input', maxlength: 20,
                        'data-row-id': cell.id, 'data-lesson-id': lesson.id, 'data-pupil-id': pupil.id,
                    }).attr('autocomplete', 'off').val(cell.text).data('saved', cell.text);
                    if (!lesson.editable) {
                        $input.prop('readonly', true);
                        $td.addClass('o_school_grid_readonly');
                    }
                    $td.attr('data-id', cell.id).append($input);
                } else {
                    $td.addClass('o_school_grid_none');
                }
                $tr.append($td);
            });
            $tr.append($('<td>', {class: 'o_school_grid_average'}).text(pupil.average),
                       $('<td>', {class: 'o_school_grid_absences'}).text(pupil.absences || ""));
            $body.append($tr);
        });
        var $scroll = $('<div>', {class: 'o_school_grid_scroll'}).append(
            $('<table>', {class: 'o_school_grid_table'}).append($('<thead>').append($head), $body));
        this.$el.append($scroll);
        this.lessonIds = _.pluck(data.lessons, 'id');
        this.pupilIds = _.pluck(data.pupils, 'id');
        this._scrollToThisWeek($scroll, data.lessons);
    },
    /**
     * Shows the current week (the last week with lessons when the period is over).
     */
    _scrollToThisWeek: function ($scroll, lessons) {
        var monday = mondayOf(new Date());
        var target = _.find(lessons, function (lesson) { return mondayOf(parseDay(lesson.date)) >= monday; }) ||
                     _.last(lessons);
        var self = this;
        // once in the DOM: offsets are known
        _.defer(function () {
            var $th = self.$('th[data-lesson-id=' + target.id + ']');
            if ($th.length) {
                var pupilWidth = self.$('th.o_school_grid_pupil').outerWidth() || 0;
                $scroll.scrollLeft($th.position().left + $scroll.scrollLeft() - pupilWidth);
            }
        });
    },

    //--------------------------------------------------------------------------
    // Public
    //--------------------------------------------------------------------------

    getFocusableElement: function () {
        return this.$('input.o_school_grid_input:not([readonly])').first();
    },
    isSet: function () {
        return true;
    },

    //--------------------------------------------------------------------------
    // Private
    //--------------------------------------------------------------------------

    _input: function (pupilIndex, lessonIndex) {
        return this.$('input[data-pupil-id=' + this.pupilIds[pupilIndex] + '][data-lesson-id=' +
                      this.lessonIds[lessonIndex] + ']');
    },
    /**
     * Scrolls the grid so that the cell is not under the frozen columns.
     */
    _reveal: function (input) {
        var scroll = this.$('.o_school_grid_scroll')[0];
        var td = input.parentNode;
        var pupil = this.$('th.o_school_grid_pupil').outerWidth() || 0;
        var tail = (this.$('th.o_school_grid_average').outerWidth() || 0) +
                   (this.$('th.o_school_grid_absences').outerWidth() || 0);
        if (!scroll || !td) {
            return;
        }
        if (td.offsetLeft - pupil < scroll.scrollLeft) {
            scroll.scrollLeft = td.offsetLeft - pupil;
        } else if (td.offsetLeft + td.offsetWidth + tail > scroll.scrollLeft + scroll.clientWidth) {
            scroll.scrollLeft = td.offsetLeft + td.offsetWidth + tail - scroll.clientWidth;
        }
    },
    /**
     * Moves to the next cell in a direction, over the days a pupil was not in
     * the class; stays at the edge.
     */
    _move: function (input, dRow, dColumn) {
        this._save(input);
        var row = this.pupilIds.indexOf($(input).data('pupil-id'));
        var column = this.lessonIds.indexOf($(input).data('lesson-id'));
        for (;;) {
            row += dRow;
            column += dColumn;
            if (row < 0 || column < 0 || row >= this.pupilIds.length || column >= this.lessonIds.length) {
                return;
            }
            var $next = this._input(row, column);
            if ($next.length) {
                $next.focus();
                return;
            }
        }
    },
    /**
     * Writes the cell if it changed: one call, the answer is the cell as
     * stored and the pupil's average and absences; a refusal restores the cell.
     */
    _save: function (input) {
        var self = this;
        var $input = $(input);
        var value = $input.val().trim();
        var last = $input.data('pending') !== undefined ? $input.data('pending') : $input.data('saved');
        if ($input.prop('readonly') || value === last) {
            return;
        }
        var $td = $input.closest('td');
        $input.data('pending', value);
        $td.addClass('o_school_grid_saving').removeClass('o_school_grid_error');
        var period = this.record.data.period_id;
        this._rpc({
            model: 'school.gradebook',
            method: 'grid_set_cell',
            args: [$input.data('row-id'), value, period && period.res_id || false],
        }).then(function (answer) {
            $input.data('saved', answer.cell);
            if ($input.data('pending') === value) {
                $input.removeData('pending');
                $td.removeClass('o_school_grid_saving');
                if ($input.val().trim() === value) {
                    $input.val(answer.cell);
                }
            }
            var $tr = $td.closest('tr');
            $tr.find('td.o_school_grid_average').text(answer.average || "");
            if (answer.absences !== null) {
                $tr.find('td.o_school_grid_absences').text(answer.absences || "");
            }
        }).fail(function (error, event) {
            if (event && event.preventDefault) {
                event.preventDefault();  // our own message, not the error dialog
            }
            $input.removeData('pending');
            $input.val($input.data('saved'));
            $td.removeClass('o_school_grid_saving').addClass('o_school_grid_error');
            var message = error && error.data && error.data.message ||
                          _t("No connection to the server: the grade was not saved.");
            self.do_warn(_t("Grade not saved"), message, true);
        });
    },

    //--------------------------------------------------------------------------
    // Handlers
    //--------------------------------------------------------------------------

    _onKeydown: function () {
        // the cells handle their keys (the form's field navigation would leave the grid)
    },
    _onCellFocus: function (ev) {
        var input = ev.currentTarget;
        this._reveal(input);
        _.defer(function () { input.select(); });
    },
    _onCellChange: function (ev) {
        this._save(ev.currentTarget);
    },
    _onCellKeydown: function (ev) {
        var input = ev.currentTarget;
        var keys = $.ui.keyCode;
        var atStart = input.selectionStart === 0;
        var atEnd = input.selectionEnd === input.value.length;
        switch (ev.which) {
            case keys.ENTER:
                this._move(input, ev.shiftKey ? -1 : 1, 0);
                break;
            case keys.TAB:
                this._move(input, 0, ev.shiftKey ? -1 : 1);
                break;
            case keys.DOWN:
                this._move(input, 1, 0);
                break;
            case keys.UP:
                this._move(input, -1, 0);
                break;
            case keys.LEFT:
                if (!atStart) {
                    return;
                }
                this._move(input, 0, -1);
                break;
            case keys.RIGHT:
                if (!atEnd) {
                    return;
                }
                this._move(input, 0, 1);
                break;
            case keys.ESCAPE:
                $(input).val($(input).data('saved')).select();
                break;
            default:
                return;
        }
        ev.preventDefault();
        ev.stopPropagation();
    },
});

field_registry.add('school_gradebook_grid', GradebookGrid);

/**
 * The form of the grid holds no changes of its own (the class, subject and
 * period only choose what to show; the cells save themselves): leaving it
 * needs no confirmation, and it has no «Сохранить»/«Отменить».
 */
var GradebookFormController = FormController.extend({
    canBeDiscarded: function () {
        return $.when(false);
    },
    renderButtons: function () {
    },
});

var GradebookFormView = FormView.extend({
    config: _.extend({}, FormView.prototype.config, {
        Controller: GradebookFormController,
    }),
});

view_registry.add('school_gradebook_form', GradebookFormView);

return {
    GradebookGrid: GradebookGrid,
    GradebookFormController: GradebookFormController,
};

});
