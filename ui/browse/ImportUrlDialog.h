#pragma once

#include "network/api/RemotePath.h"

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// "Import from URL…": the server fetches an http(s) URL straight into /data. Asks for the URL,
// the folder and the file name (taken from the URL until the person edits it), and lets the
// import go only when all three are valid.
class ImportUrlDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportUrlDialog(const RemotePath &folder, QWidget *parent = nullptr);

    QUrl url() const;
    RemotePath target() const; // folder + name; valid only when isValid()
    bool isValid(QString *whyNot = nullptr) const;

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *folderEdit() const { return m_folder; }
    QLineEdit *nameEdit() const { return m_name; }

    // The last path segment of the URL, decoded: "model.safetensors" from
    // ".../model.safetensors?x=1".
    static QString nameFromUrl(const QUrl &url);

private:
    void validate();

    QLineEdit *m_url;
    QLineEdit *m_folder;
    QLineEdit *m_name;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    bool m_nameEdited = false;
};
