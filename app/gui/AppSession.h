#pragma once

#include "network/account/ConnectionSettings.h"
#include "ui/SessionControl.h"

#include <QObject>
#include <memory>

class FallbackKeyStore;
class FilesClient;
class KeychainKeyStore;
class TransferService;
namespace fal::emulator {
class EmulatorServer;
}

// The account the GUI shows and everything bound to it: the key (read from the key store, the
// command line, the environment or fal's config, in fal's order), the endpoint, the client, and
// the transfer engine with its journal. With no key anywhere (or --emulator) it starts the
// built-in emulator in-process, on a free loopback port, over a demo /data in the user's data
// folder, and says so (bannerText()).
//
// An account switch (sign-in) builds a new engine and journal; the app rebuilds its window on
// accountChanged().
class AppSession : public QObject, public SessionControl
{
    Q_OBJECT
public:
    struct Options
    {
        QString explicitKey; // --key, --key-file
        QString explicitKeySource; // empty: "the --key option"
        QString explicitEndpoint; // --endpoint
        QString profile; // --profile
        bool forceEmulator = false;
        QString emulatorData; // empty: AppDataLocation/emulator-data
        // Where the signed-in key is kept; null: the system keychain, else an owner-only file.
        // Tests give one in memory, so that no real key is ever read.
        std::shared_ptr<FallbackKeyStore> keyStore;
    };

    explicit AppSession(Options options, QObject *parent = nullptr);
    ~AppSession() override;

    // Reads the saved key (the keychain may take a moment), then emits ready() or failed().
    void start();
    FilesClient *client() const { return m_client; }
    TransferService *transfers() const { return m_transfers.get(); }
    QString emulatorRoot() const;

    // SessionControl
    bool isEmulator() const override { return m_emulator != nullptr; }
    QString bannerText() const override;
    QString currentKeyDescription() const override;
    KeyStore *keyStore() const override;
    QString storageNote() const override;
    QUrl signInEndpoint() const override;
    QString falConfigPath() const override;
    bool switchAccount(const Credentials &credentials, const QUrl &endpoint,
                       QString *whyNot) override;
    QString accountLabel() const override;
    bool signOut(QString *whyNot, QString *note) override;

Q_SIGNALS:
    void ready();
    void failed(const QString &message);
    void aboutToChangeAccount(); // drop everything that holds the engine
    void accountChanged();

private:
    void resolve(const QString &storedKey, const QString &storeProblem);
    bool useEmulator(QString *error);
    void useAccount(const Credentials &credentials, const QUrl &endpoint);
    void makeTransfers(const QString &journalName, const QString &account = {});
    bool refuseWhileTransferring(QString *whyNot) const;

    Options m_options;
    std::shared_ptr<FallbackKeyStore> m_store;
    KeychainKeyStore *m_keychain = nullptr; // owned by m_store; null when a store was given
    std::unique_ptr<fal::emulator::EmulatorServer> m_emulator;
    FilesClient *m_client;
    std::unique_ptr<TransferService> m_transfers;
    ConnectionSettings m_settings;
    QString m_storeProblem; // the keychain could not be read at start
    bool m_keyWasInKeychain = false;
};
