#include "ui/browse/FolderOverlay.h"

#include "ui/browse/FileIconProvider.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

FolderOverlay::FolderOverlay(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("&Retry"), this))
{
    setObjectName(QStringLiteral("FolderOverlay"));
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    m_icon->setAlignment(Qt::AlignCenter);
    m_retry->setIcon(FileIconProvider::named(QStringLiteral("view-refresh")));
    m_retry->setToolTip(tr("List this folder again"));
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_icon);
    layout->addWidget(m_text);
    layout->addWidget(m_retry, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    connect(m_retry, &QPushButton::clicked, this, &FolderOverlay::retryRequested);
    // Clicks and drops go through to the view underneath.
    setAttribute(Qt::WA_TransparentForMouseEvents, true);
    hide();
}

void FolderOverlay::show(State state, const QString &detail)
{
    m_state = state;
    QString text;
    QString icon;
    switch (state) {
    case State::Hidden:
        hide();
        return;
    case State::Loading:
        text = tr("Loading…");
        break;
    case State::Empty:
        text = tr("This folder is empty.\nDrop files here to upload them.");
        icon = QStringLiteral("folder");
        break;
    case State::NoMatch:
        text = tr("Nothing here matches “%1”.").arg(detail);
        icon = QStringLiteral("edit-find");
        break;
    case State::Failed:
        text = tr("This folder could not be listed:\n%1").arg(detail);
        icon = QStringLiteral("dialog-error");
        break;
    }
    m_text->setText(text);
    m_icon->setPixmap(icon.isEmpty() ? QPixmap() : FileIconProvider::named(icon).pixmap(48, 48));
    m_icon->setVisible(!icon.isEmpty());
    m_retry->setVisible(state == State::Failed);
    // Only the Retry button takes clicks; the rest stays transparent for the view's drops.
    setAttribute(Qt::WA_TransparentForMouseEvents, state != State::Failed);
    QWidget::show();
    raise();
}

QString FolderOverlay::text() const
{
    return isVisible() ? m_text->text() : QString();
}
