#include "ui/browse/LocationBar.h"

#include "ui/browse/FileIconProvider.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QToolButton>

LocationBar::LocationBar(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_crumbs(new QWidget(this))
    , m_crumbLayout(new QHBoxLayout(m_crumbs))
    , m_edit(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("LocationBar"));
    m_crumbLayout->setContentsMargins(2, 0, 2, 0);
    m_crumbLayout->setSpacing(0);
    m_crumbs->installEventFilter(this);
    m_crumbs->setCursor(Qt::IBeamCursor);
    m_crumbs->setToolTip(tr("Click an empty spot or press Ctrl+L to type a path"));

    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(tr("/data/… or a path below /data"));
    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::returnPressed, this, &LocationBar::submit);
    connect(m_edit, &QLineEdit::textEdited, this, [this] { m_error->hide(); });

    // The error is said in words and with the theme's warning colour, readable light or dark.
    m_error->setObjectName(QStringLiteral("LocationError"));
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #da4453; }"));
    m_error->hide();

    m_stack->addWidget(m_crumbs);
    m_stack->addWidget(m_edit);
    m_stack->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_error);
    setFocusProxy(m_edit);
    rebuildCrumbs();
}

std::optional<RemotePath> LocationBar::parseInput(const QString &text, QString *whyNot)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        if (whyNot)
            *whyNot = tr("Type a path such as /data/models");
        return std::nullopt;
    }
    return RemotePath::parse(trimmed, whyNot);
}

void LocationBar::setPath(const RemotePath &path)
{
    m_path = path;
    m_error->hide();
    rebuildCrumbs();
    stopEditing();
}

void LocationBar::rebuildCrumbs()
{
    while (QLayoutItem *item = m_crumbLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    QList<RemotePath> chain {m_path};
    for (RemotePath p = m_path; !p.isRoot();) {
        p = p.parent();
        chain.prepend(p);
    }
    for (qsizetype i = 0; i < chain.size(); ++i) {
        const RemotePath crumb = chain.at(i);
        auto *button = new QToolButton(m_crumbs);
        button->setAutoRaise(true);
        button->setText(crumb.isRoot() ? QStringLiteral("/data") : crumb.name());
        button->setToolTip(crumb.absolute());
        button->setCursor(Qt::ArrowCursor);
        button->setFocusPolicy(Qt::NoFocus);
        if (crumb.isRoot()) {
            button->setIcon(FileIconProvider::named(QStringLiteral("folder-cloud")));
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        }
        QFont font = button->font();
        font.setBold(i == chain.size() - 1);
        button->setFont(font);
        connect(button, &QToolButton::clicked, this,
                [this, crumb] { Q_EMIT pathRequested(crumb); });
        m_crumbLayout->addWidget(button);
        if (i + 1 < chain.size()) {
            auto *separator = new QLabel(QStringLiteral("›"), m_crumbs);
            separator->setEnabled(false);
            m_crumbLayout->addWidget(separator);
        }
    }
    m_crumbLayout->addStretch(1);
}

void LocationBar::startEditing()
{
    m_edit->setText(m_path.absolute());
    m_stack->setCurrentWidget(m_edit);
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void LocationBar::stopEditing()
{
    // Hiding the field that has the focus would pass it on to the next widget in the chain.
    // (The window's focus child, not hasFocus(): with the completions open the popup has it.)
    if (isEditing() && window()->focusWidget() == m_edit)
        Q_EMIT focusReleased();
    m_stack->setCurrentWidget(m_crumbs);
}

bool LocationBar::isEditing() const
{
    return m_stack->currentWidget() == m_edit;
}

void LocationBar::showError(const QString &message)
{
    if (!isEditing()) {
        m_stack->setCurrentWidget(m_edit);
        m_edit->setFocus();
    }
    m_error->setText(message);
    m_error->setToolTip(message);
    m_error->show();
}

QString LocationBar::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void LocationBar::submit()
{
    QString why;
    const auto path = parseInput(m_edit->text(), &why);
    if (!path) {
        showError(why);
        return;
    }
    m_error->hide();
    Q_EMIT pathRequested(*path);
}

bool LocationBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_crumbs && event->type() == QEvent::MouseButtonPress
        && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
        startEditing();
        return true;
    }
    if (watched == m_edit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        m_error->hide();
        stopEditing();
        return true;
    }
    if (watched == m_edit && event->type() == QEvent::FocusOut && !m_error->isVisible()) {
        // Leaving the field gives the breadcrumb back, unless it holds a mistake to fix.
        stopEditing();
    }
    return QWidget::eventFilter(watched, event);
}
