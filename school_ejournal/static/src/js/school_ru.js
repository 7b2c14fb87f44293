odoo.define('school_ejournal.ru', function (require) {
"use strict";
/**
 * Russian for Odoo's own words that Odoo 11's ru.po leaves in English or gets
 * wrong, in the back office and the portal. They are Odoo's terms, not the
 * addon's, so they are not in the addon's i18n (regenerated from its own
 * source); here they are applied when the translations of the user's language
 * (Russian) arrive, over whatever Odoo sent, whatever is in ir_translation.
 */
var translation = require('web.translation');

var RU = {
    // the web client
    'Odoo': 'Электронный журнал',
    'Ok': 'ОК',
    'Odoo Client Error': 'Ошибка в браузере',
    'Odoo Error': 'Ошибка',
    'Odoo Warning': 'Предупреждение',
    'Odoo Session Expired': 'Сеанс завершён',
    'Your Odoo session expired. Please refresh the current web page.':
        'Сеанс завершён. Обновите страницу и войдите снова.',
    'The record has been modified, your changes will be discarded. Do you want to proceed?':
        'Запись изменена, изменения будут потеряны. Продолжить?',
    'Please click on the "save" button first': 'Сначала нажмите «Сохранить»',
    'A popup window with your report was blocked.  You may need to change your browser settings to allow popup windows for this page.':
        'Браузер не открыл окно с отчётом: разрешите всплывающие окна для этой страницы.',
    'No records': 'Нет записей',
    '1 record': '1 запись',
    'True': 'Да',
    'Untitled': 'Без названия',
    'Everything': 'Все',
    'Well Done!': 'Отлично!',
    'Create ': 'Создать ',
    'Delete row ': 'Удалить строку ',
    'I am sure about this.': 'Да, я уверен(а).',
    'Add to Favorites': 'Добавить в избранное',
    'Remove from Favorites': 'Убрать из избранного',
    ' and ': ' и ',
    'Sorry no matrix data to display.': 'Нет данных для таблицы.',
    // pivot and graph
    'Measures': 'Показатели',
    'Flip axis': 'Поменять оси',
    'Count': 'Количество',
    'Expand all': 'Развернуть всё',
    'Download xlsx': 'Скачать XLSX',
    'Grouped': 'Рядом',
    'Stacked': 'Стопкой',
    // activities, chatter, Discuss
    'Planned activities': 'Запланированные действия',
    'Mark Done': 'Отметить выполненным',
    'Write Feedback': 'Написать отзыв',
    'Activity type': 'Тип действия',
    ', due on': ', срок',
    'Schedule an activity': 'Запланировать действие',
    'Log or schedule an activity': 'Записать или запланировать действие',
    '%d days overdue': 'просрочено на %d дн.',
    'Due in %d days': 'через %d дн.',
    'No activities planned.': 'Запланированных действий нет.',
    '0 Late': '0 просрочено',
    '0 Today': '0 сегодня',
    '0 Future': '0 позже',
    'No discussion yet...': 'Обсуждений пока нет…',
    'Congratulations, your inbox is empty!': 'Входящих нет.',
    'Download this PDF': 'Скачать этот PDF',
    'Download this attachment': 'Скачать вложение',
    'Play this video': 'Воспроизвести видео',
    'Odoo needs your permission to': 'Журналу нужно ваше разрешение, чтобы',
    'enable desktop notifications': 'показывать уведомления на рабочем столе',
    'Open in Discuss': 'Открыть в «Общении»',
    'You:': 'Вы:',
    'User name': 'Имя пользователя',
    'Add a private channel': 'Добавить закрытый канал',
    'Sending Error': 'Ошибка отправки',
    'Your message has not been sent.': 'Сообщение не отправлено.',
    // the portal
    'There are no comments for now.': 'Комментариев пока нет.',
    'Published on %s': 'Опубликовано %s',
    'Oops! Something went wrong. Try to reload the page and log in.':
        'Что-то пошло не так. Обновите страницу и войдите снова.',
    'Click here to see your document.': 'Откройте документ по этой ссылке.',
};

function russian() {
    var info = window.odoo && odoo.session_info;
    var lang = (info && info.user_context && info.user_context.lang) ||
               document.documentElement.getAttribute('lang') || '';
    return lang.indexOf('ru') === 0;
}

translation.TranslationDataBase.include({
    set_bundle: function () {
        this._super.apply(this, arguments);
        if (russian()) {
            _.extend(this.db, RU);
        }
    },
});

// nvd3 writes the bar chart's switch (two groupings) in English unless told
if (window.nv && nv.models.multiBarChart) {
    var multiBarChart = nv.models.multiBarChart;
    nv.models.multiBarChart = function () {
        var chart = multiBarChart.apply(this, arguments);
        var word = function (english) { return translation._t(english); };  // Odoo's words: RU above
        chart.controlLabels({grouped: word('Grouped'), stacked: word('Stacked')});
        return chart;
    };
}

return RU;
});
