#pragma once

#include "network/account/Credentials.h"

#include <QDialog>
#include <QPointer>
#include <QUrl>

class FalConfig;
class KeyStore;
class ListJob;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;

// Sign in with a fal key: pasted, or taken from a profile of fal's own ~/.fal/config.toml. The
// key is tried against the API (a listing of /data) before anything is saved; a wrong key stays
// in the dialog with the server's reason. Says where the key in use now came from, and where the
// new one will be kept (the system keychain, or an owner-only file where no keychain answers).
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(QNetworkAccessManager *network, KeyStore *store, QWidget *parent = nullptr);

    void setEndpoint(const QUrl &endpoint);
    void
    setCurrentKeyDescription(const QString &text); // "id:•••• from FAL_KEY", "none: the emulator"
    void setStorageNote(const QString &text); // where a saved key goes
    void loadProfiles(const QString &configPath); // empty: FalConfig::defaultPath()

    // After accept(): the key that worked, and the endpoint it worked on.
    Credentials credentials() const { return m_credentials; }
    QUrl endpoint() const { return m_endpoint; }
    QString saveProblem() const { return m_saveProblem; } // the key works but was not saved

    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *endpointEdit() const { return m_endpointEdit; }
    QComboBox *profileBox() const { return m_profiles; }
    QPushButton *signInButton() const { return m_signIn; }
    QString errorText() const;
    bool isChecking() const { return m_checking; }

public Q_SLOTS:
    void submit();

private:
    void setChecking(bool checking, const QString &status = {});
    void showError(const QString &text);
    void profileChosen(int index);
    void onChecked(ListJob *job);

    QNetworkAccessManager *m_network;
    KeyStore *m_store;
    QLineEdit *m_key;
    QLineEdit *m_endpointEdit;
    QComboBox *m_profiles;
    QLabel *m_current;
    QLabel *m_storage;
    QLabel *m_status;
    QLabel *m_error;
    QPushButton *m_signIn;
    QString m_configPath;
    QString m_keySource;
    bool m_checking = false;
    Credentials m_candidate;
    QUrl m_candidateEndpoint;
    Credentials m_credentials;
    QUrl m_endpoint;
    QString m_saveProblem;
    QPointer<ListJob> m_job;
};
