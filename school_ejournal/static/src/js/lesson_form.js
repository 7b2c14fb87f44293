odoo.define('school_ejournal.lesson_form', function (require) {
"use strict";

/**
 * The lesson form at the speed of a paper journal.
 *
 * - «school_lesson_roster»: the pupils of a lesson as one table that the
 *   keyboard drives: a digit puts a mark, a code letter (н, б, у, о — also typed
 *   on the Latin layout) the attendance, and the next pupil takes the keyboard;
 *   Enter/↓/↑ move between pupils, ←/→ choose the first or second mark,
 *   Backspace clears; Space (Shift+Space back) changes the kind of work of the
 *   chosen mark (an oral answer at a control work: its own weight), the small
 *   list beside a mark does it with the mouse. One-tap buttons do the same on a tablet. The values go
 *   into the form's record like any field's and are saved by the form's write.
 *
 * The form view «school_lesson_form» is in lesson_form_view.js.
 */

var AbstractField = require('web.AbstractField');
var core = require('web.core');
var field_registry = require('web.field_registry');

var _t = core._t;

// the ЙЦУКЕН letter on each physical key: a code typed with the Latin layout on
var RUSSIAN_KEYS = {
    KeyQ: 'й', KeyW: 'ц', KeyE: 'у', KeyR: 'к', KeyT: 'е', KeyY: 'н', KeyU: 'г', KeyI: 'ш',
    KeyO: 'щ', KeyP: 'з', BracketLeft: 'х', BracketRight: 'ъ', KeyA: 'ф', KeyS: 'ы', KeyD: 'в',
    KeyF: 'а', KeyG: 'п', KeyH: 'р', KeyJ: 'о', KeyK: 'л', KeyL: 'д', Semicolon: 'ж', Quote: 'э',
    KeyZ: 'я', KeyX: 'ч', KeyC: 'с', KeyV: 'м', KeyB: 'и', KeyN: 'т', KeyM: 'ь', Comma: 'б',
    Period: 'ю', Backquote: 'ё',
};
var MARKS = ['1', '2', '3', '4', '5'];
var TAP_MARKS = ['2', '3', '4', '5'];
// the marks that are words (models/grade.py, GRADE_VALUES)
var LABELS = {zach: 'зач', nezach: 'незач', na: 'н/а', osv: 'осв.'};
// the attendance codes and the kinds of work, read once per page
var codesLoaded = null;
var kindsLoaded = null;
var KIND_FIELDS = {grade_1: 'grade_1_kind_id', grade_2: 'grade_2_kind_id'};

var LessonRoster = AbstractField.extend({
    className: 'o_school_roster table-responsive',
    supportedFieldTypes: ['one2many'],
    // the inner <tree> says which fields of the rows are read
    useSubview: true,
    events: {
        'keydown tr.o_roster_row': '_onRowKeydown',
        // some input methods (and WebDriver's non-Latin letters) send a character without its keydown
        'keypress tr.o_roster_row': '_onRowKeypress',
        'focusin tr.o_roster_row': '_onRowFocus',
        'click tr.o_roster_row': '_onRowClick',
        'click button[data-code]': '_onCodeButton',
        'click button[data-mark]': '_onMarkButton',
        'click td.o_roster_mark': '_onMarkCell',
        'change input.o_roster_text': '_onTextChange',
        'change select.o_roster_kind': '_onKindChange',
    },

    init: function () {
        this._super.apply(this, arguments);
        this.activeIndex = 0;
        this.column = 'grade_1';
    },
    willStart: function () {
        var self = this;
        if (!codesLoaded) {
            codesLoaded = this._rpc({
                model: 'school.attendance.code',
                method: 'search_read',
                domain: [],
                fields: ['code', 'name'],
            });
        }
        if (!kindsLoaded) {
            kindsLoaded = this._rpc({
                model: 'school.work.kind',
                method: 'search_read',
                domain: [],
                fields: ['name', 'short_name'],
            });
        }
        return $.when(this._super.apply(this, arguments), codesLoaded.then(function (codes) {
            self.codes = codes;
        }), kindsLoaded.then(function (kinds) {
            self.kinds = kinds;
        }));
    },

    //--------------------------------------------------------------------------
    // Public
    //--------------------------------------------------------------------------

    getFocusableElement: function () {
        return this._canCode() ? this.$('tr.o_roster_row').eq(this.activeIndex) : $();
    },
    isSet: function () {
        return true;
    },

    //--------------------------------------------------------------------------
    // Private
    //--------------------------------------------------------------------------

    _scope: function () {
        return this.recordData.edit_scope;
    },
    _canCode: function () {
        return this.mode === 'edit' && !!this._scope();
    },
    _canMark: function () {
        return this.mode === 'edit' && this._scope() === 'lesson';
    },
    _rows: function () {
        return (this.value && this.value.data) || [];
    },
    _codeOf: function (letter) {
        letter = (letter || '').toLowerCase();
        return _.find(this.codes, function (code) {
            return code.code.toLowerCase() === letter;
        }) || _.find(this.codes, function (code) {
            return code.code.toLowerCase().charAt(0) === letter;
        });
    },
    _codeOfKey: function (key, code) {
        if (!key || key.length !== 1) {
            return null;
        }
        var letter = /[a-z\[\];',.`]/i.test(key) ? RUSSIAN_KEYS[code] : key;
        return letter ? this._codeOf(letter) : null;
    },
    _render: function () {
        var hadFocus = this.el.contains(document.activeElement) &&
            $(document.activeElement).is('tr.o_roster_row');
        var self = this;
        var canCode = this._canCode();
        var canMark = this._canMark();
        var $table = $('<table class="table table-condensed o_roster_table"/>');
        var $head = $('<tr/>').append(
            $('<th class="o_roster_number"/>').text('№'),
            $('<th/>').text(_t('Student')),
            $('<th class="o_roster_code"/>').text(_t('Att.')),
            $('<th class="o_roster_mark"/>').text(_t('Grd.')),
            $('<th class="o_roster_mark"/>').text(_t('2nd')));
        if (canCode) {
            $head.append($('<th class="o_roster_taps"/>'));
        }
        $head.append($('<th/>').text(_t('Grade Comment')), $('<th/>').text(_t('Comment')));
        $table.append($('<thead/>').append($head));
        var $body = $('<tbody/>');
        _.each(this._rows(), function (row, index) {
            var data = row.data;
            var code = data.code_id && data.code_id.data.display_name;
            var $row = $('<tr class="o_roster_row"/>').attr({
                'data-id': row.res_id, 'data-index': index, tabindex: canCode ? (index === self.activeIndex ? 0 : -1) : null,
            }).toggleClass('o_roster_absent', !!code);
            $row.append(
                $('<td class="o_roster_number"/>').text(index + 1),
                $('<td class="o_roster_name"/>').text(data.student_id ? data.student_id.data.display_name : ''),
                $('<td class="o_roster_code"/>').text(code || ''),
                self._markCell(data, 'grade_1', canMark),
                self._markCell(data, 'grade_2', canMark));
            if (canCode) {
                var $taps = $('<td class="o_roster_taps"/>');
                _.each(self.codes, function (c) {
                    $taps.append($('<button type="button" tabindex="-1" class="btn btn-xs btn-default"/>')
                        .attr({'data-code': c.code, title: c.name}).text(c.code)
                        .toggleClass('active btn-danger', c.code === code));
                });
                if (canMark) {
                    $taps.append($('<span class="o_roster_gap"/>'));
                    _.each(TAP_MARKS, function (mark) {
                        $taps.append($('<button type="button" tabindex="-1" class="btn btn-xs btn-default"/>')
                            .attr('data-mark', mark).text(mark)
                            .toggleClass('active btn-primary', data.grade_1 === mark || data.grade_2 === mark));
                    });
                }
                $row.append($taps);
            }
            _.each(['grade_comment', 'comment'], function (name) {
                var editable = name === 'comment' ? canCode : canMark;
                var $cell = $('<td/>');
                if (editable) {
                    $cell.append($('<input type="text" class="o_input o_roster_text" tabindex="-1"/>')
                        .attr('data-field', name).val(data[name] || ''));
                } else {
                    $cell.text(data[name] || '');
                }
                $row.append($cell);
            });
            $body.append($row);
        });
        $table.append($body);
        this.$el.empty().append($table);
        this._showActive();
        if (hadFocus) {
            this._focusRow(this.activeIndex);
        }
    },
    /**
     * A mark's cell: the mark and, when it has one, its kind of work — a small
     * list to change it when the user may, the short name when it is not the
     * lesson's kind otherwise.
     */
    _markCell: function (data, column, canMark) {
        var $td = $('<td class="o_roster_mark"/>').attr('data-col', column)
            .append($('<span class="o_roster_mark_value"/>').text(this._markLabel(data[column])));
        if (!data[column]) {
            return $td;
        }
        var kind = this._kindOf(data, column);
        var lessonKind = this._lessonKind();
        if (canMark && this.kinds && this.kinds.length) {
            var $select = $('<select class="o_roster_kind" tabindex="-1"/>').attr('title', _t('Kind of Work for Grade'));
            _.each(this.kinds, function (k) {
                $select.append($('<option/>').attr('value', k.id).text(k.short_name || k.name)
                    .attr('title', k.name).prop('selected', k.id === kind));
            });
            $td.append($select.toggleClass('o_roster_kind_other', !!kind && kind !== lessonKind));
        } else if (kind && kind !== lessonKind) {
            var found = _.findWhere(this.kinds || [], {id: kind});
            $td.append($('<small class="o_roster_kind_other"/>').text(found ? ' ' + (found.short_name || found.name) : ''));
        }
        return $td;
    },
    _lessonKind: function () {
        var kind = this.recordData.work_kind_id;
        return kind ? (kind.res_id || (kind.data && kind.data.id)) : false;
    },
    /** The kind of work of a mark: its own, else the lesson's. */
    _kindOf: function (data, column) {
        var kind = data[KIND_FIELDS[column]];
        return (kind && (kind.res_id || (kind.data && kind.data.id))) || this._lessonKind();
    },
    _setKind: function (index, column, kindId) {
        var kind = _.findWhere(this.kinds, {id: kindId});
        var changes = {};
        changes[KIND_FIELDS[column]] = kind ? {id: kind.id, display_name: kind.name} : false;
        return this._setRow(index, changes);
    },
    /** Space: the next kind of work for the chosen mark (Shift: the previous one). */
    _cycleKind: function (index, back) {
        var row = this._rows()[index];
        var column = row && (row.data[this.column] ? this.column : (row.data.grade_1 ? 'grade_1' : null));
        if (!column || !this.kinds || !this.kinds.length) {
            return $.when();
        }
        var ids = _.pluck(this.kinds, 'id');
        var at = ids.indexOf(this._kindOf(row.data, column));
        var next = ids[((at < 0 ? 0 : at) + (back ? ids.length - 1 : 1)) % ids.length];
        this.column = column;
        return this._setKind(index, column, next);
    },
    _markLabel: function (value) {
        return value ? (LABELS[value] || value) : '';
    },
    _showActive: function () {
        this.$('td.o_roster_active').removeClass('o_roster_active');
        this.$('tr.o_roster_row').eq(this.activeIndex)
            .find('td[data-col="' + this.column + '"]').addClass('o_roster_active');
    },
    _focusRow: function (index) {
        var $rows = this.$('tr.o_roster_row');
        if (!$rows.length) {
            return;
        }
        index = Math.max(0, Math.min(index, $rows.length - 1));
        this.activeIndex = index;
        $rows.attr('tabindex', -1);
        $rows.eq(index).attr('tabindex', 0).focus();
        this._showActive();
    },
    _setRow: function (index, changes) {
        var row = this._rows()[index];
        if (!row) {
            return $.when();
        }
        return this._setValue({operation: 'UPDATE', id: row.id, data: changes});
    },
    _setCode: function (index, code) {
        return this._setRow(index, {code_id: code ? {id: code.id, display_name: code.code} : false});
    },
    _setMark: function (index, column, mark) {
        var changes = {};
        changes[column] = mark || false;
        if (!mark) {
            changes[KIND_FIELDS[column]] = false;  // a new mark starts with the lesson's kind
        }
        var row = this._rows()[index];
        // a second mark without a first one is the first
        if (column === 'grade_2' && mark && row && !row.data.grade_1) {
            changes = {grade_1: mark};
        }
        return this._setRow(index, changes);
    },

    //--------------------------------------------------------------------------
    // Handlers
    //--------------------------------------------------------------------------

    _onRowFocus: function (ev) {
        this.activeIndex = +$(ev.currentTarget).data('index');
        this._showActive();
    },
    _onRowClick: function (ev) {
        if (!this._canCode() || $(ev.target).is('button, input, select')) {
            return;
        }
        this._focusRow(+$(ev.currentTarget).data('index'));
    },
    _onRowKeydown: function (ev) {
        if (!this._canCode() || $(ev.target).is('input, button, select') || ev.ctrlKey || ev.altKey || ev.metaKey) {
            return;
        }
        var index = +$(ev.currentTarget).data('index');
        var row = this._rows()[index];
        switch (ev.key) {
            case 'Enter':
            case 'ArrowDown':
                this._focusRow(index + 1);
                break;
            case 'ArrowUp':
                this._focusRow(index - 1);
                break;
            case 'ArrowLeft':
            case 'ArrowRight':
                this.column = ev.key === 'ArrowLeft' ? 'grade_1' : 'grade_2';
                this._showActive();
                break;
            case ' ':
            case '*':
                if (!this._canMark()) {
                    return;
                }
                this._cycleKind(index, ev.shiftKey);
                break;
            case 'Backspace':
            case 'Delete':
                if (this._canMark() && row && row.data[this.column]) {
                    this._setMark(index, this.column, false);
                } else if (this._canMark() && row && row.data.grade_1) {
                    this._setMark(index, 'grade_1', false);
                } else {
                    this._setCode(index, false);
                }
                break;
            default:
                if (!this._typeKey(index, ev.key, ev.originalEvent && ev.originalEvent.code)) {
                    return;
                }
        }
        ev.preventDefault();
        ev.stopPropagation();
    },
    _onRowKeypress: function (ev) {
        if (!this._canCode() || $(ev.target).is('input, button, select') || ev.ctrlKey || ev.altKey || ev.metaKey) {
            return;
        }
        var key = (ev.originalEvent && ev.originalEvent.key) || String.fromCharCode(ev.which || ev.keyCode);
        if (this._typeKey(+$(ev.currentTarget).data('index'), key, ev.originalEvent && ev.originalEvent.code)) {
            ev.preventDefault();
            ev.stopPropagation();
        }
    },
    /**
     * A mark or a code typed on the pupil ``index``: put it, give the keyboard
     * to the next pupil. Returns whether the key was one of them.
     */
    _typeKey: function (index, key, physical) {
        if (_.contains(MARKS, key)) {
            if (!this._canMark()) {
                return false;
            }
            this._setMark(index, this.column, key);
        } else {
            var code = this._codeOfKey(key, physical);
            if (!code) {
                return false;
            }
            this._setCode(index, code);
        }
        this._focusRow(index + 1);
        return true;
    },
    _onCodeButton: function (ev) {
        ev.stopPropagation();
        var index = +$(ev.currentTarget).closest('tr').data('index');
        var row = this._rows()[index];
        var code = this._codeOf($(ev.currentTarget).data('code'));
        var current = row && row.data.code_id && row.data.code_id.data.display_name;
        this._focusRow(index);  // the keyboard goes on from the pupil tapped
        this._setCode(index, current === code.code ? false : code);
    },
    _onMarkButton: function (ev) {
        ev.stopPropagation();
        var index = +$(ev.currentTarget).closest('tr').data('index');
        var row = this._rows()[index];
        var mark = String($(ev.currentTarget).data('mark'));
        this._focusRow(index);
        if (row && row.data.grade_2 === mark) {
            this._setMark(index, 'grade_2', false);
        } else if (row && row.data.grade_1 === mark) {
            this._setMark(index, 'grade_1', false);
        } else {
            this._setMark(index, this.column, mark);
        }
    },
    _onMarkCell: function (ev) {
        if (!this._canMark()) {
            return;
        }
        this.column = $(ev.currentTarget).data('col');
    },
    _onKindChange: function (ev) {
        var $select = $(ev.currentTarget);
        this.column = $select.closest('td').data('col');
        this._setKind(+$select.closest('tr').data('index'), this.column, +$select.val());
    },
    _onTextChange: function (ev) {
        var $input = $(ev.currentTarget);
        var changes = {};
        changes[$input.data('field')] = $input.val() || false;
        this._setRow(+$input.closest('tr').data('index'), changes);
    },
});

field_registry.add('school_lesson_roster', LessonRoster);

return {
    LessonRoster: LessonRoster,
};

});
