#include "app/gui/AppSession.h"

#include "app/gui/DemoSeeder.h"
#include "emulator/EmulatorServer.h"
#include "network/account/FalConfig.h"
#include "network/account/FallbackKeyStore.h"
#include "network/account/FileKeyStore.h"
#include "network/account/KeychainKeyStore.h"
#include "network/api/FilesClient.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferService.h"
#include "ui/TransferSettings.h"
#include "ui/UiLog.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

namespace {
// "~/.local/share/…": shorter to read in the banner than the full home path.
QString tildePath(const QString &path)
{
    const QString home = QDir::homePath();
    return path.startsWith(home + QLatin1Char('/')) ? QLatin1Char('~') + path.mid(home.size())
                                                    : path;
}
const QString kSavedEndpoint = QStringLiteral("account/endpoint");
const QString kKeyInKeychain = QStringLiteral("account/keyInKeychain");
} // namespace

AppSession::AppSession(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_client(new FilesClient(nullptr, this))
{
    m_store = m_options.keyStore;
    if (!m_store) {
        auto keychain = std::make_unique<KeychainKeyStore>();
        m_keychain = keychain.get();
        m_store = std::make_shared<FallbackKeyStore>(
            std::move(keychain), std::make_unique<FileKeyStore>(FileKeyStore::defaultPath()));
    }
}

AppSession::~AppSession()
{
    m_transfers.reset(); // stops the transfer thread before the emulator it may talk to
}

QString AppSession::emulatorRoot() const
{
    return !m_options.emulatorData.isEmpty()
        ? m_options.emulatorData
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/emulator-data");
}

void AppSession::start()
{
    if (m_options.forceEmulator || !m_options.explicitKey.isEmpty()) {
        // The saved key would not be used anyway. ready() always comes from the event loop.
        QTimer::singleShot(0, this, [this] { resolve({}, {}); });
        return;
    }
    // A keychain that is still locked right after login fails once or twice; when the key is
    // known to be there, it is asked again rather than the person asked to sign in again.
    m_keyWasInKeychain = QSettings().value(kKeyInKeychain).toBool();
    if (m_keychain)
        m_keychain->setReadRetries(m_keyWasInKeychain ? 3 : 0);
    m_store->read([this](const KeyStore::Result &result) {
        const QString problem
            = result.ok && result.key.isEmpty() && m_keyWasInKeychain ? result.error : QString();
        QTimer::singleShot(0, this, [this, key = result.key, problem] { resolve(key, problem); });
    });
}

void AppSession::resolve(const QString &storedKey, const QString &storeProblem)
{
    m_storeProblem = storeProblem;
    ConnectionSettings::Request request;
    request.explicitKey = m_options.explicitKey;
    request.explicitKeySource = m_options.explicitKeySource;
    request.explicitEndpoint = m_options.explicitEndpoint.isEmpty() && !storedKey.isEmpty()
        ? QSettings().value(kSavedEndpoint).toString()
        : m_options.explicitEndpoint;
    request.profile = m_options.profile;
    request.storedKey = storedKey;
    request.storedKeySource = tr("your sign-in (kept in %1)").arg(m_store->description());
    m_settings = ConnectionSettings::resolve(request);
    for (const QString &problem : std::as_const(m_settings.problems))
        qCWarning(lcUi) << "settings:" << problem;
    if (!m_options.forceEmulator && !m_settings.endpointError.isEmpty()) {
        // No other endpoint instead (production, the emulator): the person meant a server, and
        // the key must go nowhere else. Nothing is connected; the app says why and stops.
        Q_EMIT failed(tr("fal Files did not connect and sent the key nowhere: %1.")
                          .arg(m_settings.endpointError));
        return;
    }

    if (m_options.forceEmulator || !m_settings.credentials.isValid()) {
        QString error;
        if (!useEmulator(&error)) {
            Q_EMIT failed(tr("The built-in emulator could not start: %1").arg(error));
            return;
        }
    } else {
        useAccount(m_settings.credentials, m_settings.endpoint);
    }
    Q_EMIT ready();
}

bool AppSession::useEmulator(QString *error)
{
    const QString root = emulatorRoot();
    if (!DemoSeeder::seed(root, error))
        return false;
    fal::emulator::EmulatorOptions options;
    options.rootDir = root;
    options.port = 0; // a free loopback port
    m_emulator = std::make_unique<fal::emulator::EmulatorServer>(options);
    if (!m_emulator->start(error)) {
        m_emulator.reset();
        return false;
    }
    qCInfo(lcUi) << "no key: the built-in emulator serves" << root << "at" << m_emulator->baseUrl();
    m_client->setEndpoint(m_emulator->baseUrl());
    m_client->setCredentials(*Credentials::fromKey(m_emulator->key(), tr("the built-in emulator")));
    // Its own journal: unfinished emulator transfers must never resume against a real account.
    // Its port and key are new at each start; its data folder is what stays, so the journal
    // knows its transfers by that and a restart goes on with them.
    makeTransfers(QStringLiteral("transfers-emulator.sqlite"),
                  QStringLiteral("emulator ") + QFileInfo(root).absoluteFilePath());
    return true;
}

void AppSession::useAccount(const Credentials &credentials, const QUrl &endpoint)
{
    QString why;
    if (!m_client->setEndpoint(endpoint, &why)) {
        // resolve() and the sign-in dialog refuse such endpoints first; should one get here, the
        // key is not paired with whatever endpoint the client had before.
        qCWarning(lcUi) << "endpoint refused:" << why;
        m_client->setCredentials(Credentials());
    } else {
        m_client->setCredentials(credentials);
    }
    makeTransfers(QStringLiteral("transfers.sqlite")); // shared with fal-files-cli
}

void AppSession::makeTransfers(const QString &journalName, const QString &account)
{
    // The engine runs on a thread of its own (TransferService) with its own connection; it
    // loads the journal there and goes on with this account's unfinished transfers.
    m_transfers.reset();
    TransferService::Settings settings;
    settings.endpoint = m_client->endpoint();
    settings.surface = m_client->surface();
    settings.credentials = m_client->credentials();
    settings.retryPolicy = m_client->retryPolicy();
    settings.inactivityTimeoutMs = m_client->inactivityTimeoutMs();
    settings.journalPath = TransferJournal::defaultPath(journalName);
    settings.account = account;
    m_transfers = std::make_unique<TransferService>(settings);
    TransferSettings::load().applyTo(m_transfers.get()); // the settings dialog's choices
}

QString AppSession::bannerText() const
{
    if (m_emulator && !m_storeProblem.isEmpty())
        return tr("Your saved key is in the system keychain, which did not answer (%1). Showing "
                  "the built-in "
                  "emulator meanwhile; sign in again or restart once the keychain is unlocked.")
            .arg(m_storeProblem);
    if (m_emulator)
        return tr("No fal key is set up, so this is the built-in emulator: a local /data kept in "
                  "%1, not on "
                  "fal's servers. Sign in to see your own files.")
            .arg(tildePath(emulatorRoot()));
    return {};
}

QString AppSession::currentKeyDescription() const
{
    if (m_emulator)
        return tr("no key: the built-in emulator");
    const Credentials &credentials = m_client->credentials();
    return tr("key %1 from %2, on %3")
        .arg(credentials.redacted(), credentials.source(), m_client->endpoint().host());
}

KeyStore *AppSession::keyStore() const
{
    return m_store.get();
}

QString AppSession::storageNote() const
{
    if (m_store->usingFallback() || !m_store->fallbackReason().isEmpty()) {
        return tr("%1. No system keychain answered (%2), so the key goes there instead.")
            .arg(m_store->fallback()->description(), m_store->fallbackReason());
    }
    return tr("the system keychain (if it does not answer: %1)")
        .arg(m_store->fallback()->description());
}

QUrl AppSession::signInEndpoint() const
{
    if (!m_emulator)
        return m_client->endpoint();
    return m_settings.endpoint.isValid() ? m_settings.endpoint
                                         : QUrl(QStringLiteral("https://rest.alpha.fal.ai"));
}

QString AppSession::falConfigPath() const
{
    return FalConfig::defaultPath();
}

bool AppSession::refuseWhileTransferring(QString *whyNot) const
{
    if (!m_transfers || m_transfers->totals().isIdle())
        return false;
    if (whyNot)
        *whyNot = tr("Transfers are still running for the current account. Let them finish, or "
                     "pause or cancel them, then try again.");
    return true;
}

QString AppSession::accountLabel() const
{
    if (m_emulator)
        return tr("Emulator");
    const QUrl endpoint = m_client->endpoint();
    const QString where = endpoint.port() > 0
        ? QStringLiteral("%1:%2").arg(endpoint.host()).arg(endpoint.port())
        : endpoint.host();
    return tr("%1 on %2").arg(m_client->credentials().redacted(), where);
}

bool AppSession::signOut(QString *whyNot, QString *note)
{
    if (m_emulator) {
        if (whyNot)
            *whyNot = tr("No one is signed in: this is the built-in emulator.");
        return false;
    }
    if (refuseWhileTransferring(whyNot))
        return false;
    // What would be found at the next start without the saved key (FAL_KEY, a profile, --key):
    // that one still signs the app in, so say where it is.
    ConnectionSettings::Request withoutSavedKey;
    withoutSavedKey.explicitKey = m_options.explicitKey;
    withoutSavedKey.explicitKeySource = m_options.explicitKeySource;
    withoutSavedKey.profile = m_options.profile;
    const ConnectionSettings next = ConnectionSettings::resolve(withoutSavedKey);
    if (note && next.credentials.isValid())
        *note = tr("A key still comes from %1; fal Files uses it again at its next start. Remove "
                   "it there to sign out for good.")
                    .arg(next.credentials.source());
    m_store->remove([](const KeyStore::Result &result) {
        if (!result.ok)
            qCWarning(lcUi) << "could not forget the saved key:" << result.error;
    });
    QSettings settings;
    settings.remove(kSavedEndpoint);
    settings.remove(kKeyInKeychain);
    QTimer::singleShot(0, this, [this] {
        Q_EMIT aboutToChangeAccount();
        m_transfers.reset();
        m_storeProblem.clear();
        QString error;
        if (!useEmulator(&error)) {
            Q_EMIT failed(tr("The built-in emulator could not start: %1").arg(error));
            return;
        }
        Q_EMIT accountChanged();
    });
    return true;
}

bool AppSession::switchAccount(const Credentials &credentials, const QUrl &endpoint,
                               QString *whyNot)
{
    if (refuseWhileTransferring(whyNot))
        return false;
    QSettings settings;
    settings.setValue(kSavedEndpoint, endpoint.toString());
    settings.setValue(kKeyInKeychain, !m_store->usingFallback());
    // Later, outside the dialog's and the window's own slots: the window goes with the engine.
    QTimer::singleShot(0, this, [this, credentials, endpoint] {
        Q_EMIT aboutToChangeAccount();
        m_transfers.reset();
        m_emulator.reset(); // stops it
        m_storeProblem.clear();
        m_settings.endpoint = endpoint;
        useAccount(credentials, endpoint);
        Q_EMIT accountChanged();
    });
    return true;
}
