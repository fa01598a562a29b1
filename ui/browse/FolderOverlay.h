#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

// Said in the middle of the details view when its folder has no rows to show: "Loading…",
// "This folder is empty", or why it could not be listed, with a Retry button. Never an empty
// white area that leaves people guessing.
class FolderOverlay : public QWidget
{
    Q_OBJECT
public:
    enum class State { Hidden, Loading, Empty, NoMatch, Failed };

    explicit FolderOverlay(QWidget *parent = nullptr);

    void show(State state, const QString &detail = {});
    State state() const { return m_state; }
    QString text() const;

Q_SIGNALS:
    void retryRequested();

private:
    State m_state = State::Hidden;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retry;
};
