#pragma once

#include "network/api/RemotePath.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;

// Where the details view is: a breadcrumb of buttons (/data ▸ models ▸ sub), each a click away,
// that turns into a text field on Ctrl+L or a click on its empty part. The field takes
// "/data/models" or "models"; a path outside /data gets a clear error beside it. The crumbs are
// for the mouse (they take no focus: Space must not press "/data"); the keyboard has Ctrl+L.
class LocationBar : public QWidget
{
    Q_OBJECT
public:
    explicit LocationBar(QWidget *parent = nullptr);

    void setPath(const RemotePath &path); // also leaves editing
    RemotePath path() const { return m_path; }
    void startEditing();
    void stopEditing();
    bool isEditing() const;
    void showError(const QString &message);
    QString errorText() const;
    QLineEdit *lineEdit() const { return m_edit; }

    // What people type: "/data/x", "x", surrounding blanks ignored.
    static std::optional<RemotePath> parseInput(const QString &text, QString *whyNot);

Q_SIGNALS:
    void pathRequested(const RemotePath &path);
    // The text field was left by Esc or by going where it said: the focus goes back to the
    // files (the window decides where), not to whatever follows in the focus chain.
    void focusReleased();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildCrumbs();
    void submit();

    RemotePath m_path;
    QStackedWidget *m_stack;
    QWidget *m_crumbs;
    QHBoxLayout *m_crumbLayout;
    QLineEdit *m_edit;
    QLabel *m_error;
};
