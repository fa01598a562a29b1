#include "ui/SignInDialog.h"

#include "network/account/ConnectionSettings.h"
#include "network/account/FalConfig.h"
#include "network/account/KeyStore.h"
#include "network/api/FilesClient.h"
#include "network/api/ListJob.h"
#include "ui/UiLog.h"
#include "ui/browse/FileIconProvider.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SignInDialog::SignInDialog(QNetworkAccessManager *network, KeyStore *store, QWidget *parent)
    : QDialog(parent)
    , m_network(network)
    , m_store(store)
    , m_key(new QLineEdit(this))
    , m_endpointEdit(new QLineEdit(this))
    , m_profiles(new QComboBox(this))
    , m_current(new QLabel(this))
    , m_storage(new QLabel(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
    , m_signIn(new QPushButton(tr("&Sign In"), this))
{
    setObjectName(QStringLiteral("SignInDialog"));
    setWindowTitle(tr("Sign in to fal"));

    auto *intro = new QLabel(
        tr("Paste an API key from <a href=\"https://fal.ai/dashboard/keys\">fal.ai → Keys</a> "
           "(it looks like <tt>key_id:key_secret</tt>), or use a profile of fal's "
           "command-line tool."),
        this);
    intro->setWordWrap(true);
    intro->setOpenExternalLinks(true);

    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(QStringLiteral("key_id:key_secret"));
    m_key->setMinimumWidth(380);
    QAction *reveal = m_key->addAction(FileIconProvider::named(QStringLiteral("view-visible")),
                                       QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the key"));
    connect(reveal, &QAction::toggled, this, [this](bool shown) {
        m_key->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_key, &QLineEdit::textEdited, this, [this] {
        m_keySource.clear(); // typed: no longer the profile's
        if (m_profiles->currentIndex() > 0)
            m_profiles->setCurrentIndex(0);
        m_error->hide();
    });

    m_profiles->addItem(tr("(paste a key)"));
    connect(m_profiles, &QComboBox::activated, this, &SignInDialog::profileChosen);

    for (QLabel *label : {m_current, m_storage, m_status})
        label->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("SignInError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #da4453; }"));
    m_error->hide();
    m_status->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Profile:"), m_profiles);
    form->addRow(tr("API &key:"), m_key);
    form->addRow(tr("&Endpoint:"), m_endpointEdit);
    form->addRow(tr("Now:"), m_current);
    form->addRow(tr("Kept in:"), m_storage);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn->setIcon(FileIconProvider::named(QStringLiteral("network-connect")));
    m_signIn->setDefault(true);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    disconnect(buttons, &QDialogButtonBox::accepted, nullptr, nullptr);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::submit);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    setEndpoint(QUrl(QStringLiteral("https://rest.alpha.fal.ai")));
    setStorageNote(m_store ? m_store->description() : tr("nowhere (this session only)"));
}

void SignInDialog::setEndpoint(const QUrl &endpoint)
{
    m_endpointEdit->setText(endpoint.toString());
}

void SignInDialog::setCurrentKeyDescription(const QString &text)
{
    m_current->setText(text);
}

void SignInDialog::setStorageNote(const QString &text)
{
    m_storage->setText(text);
}

void SignInDialog::loadProfiles(const QString &configPath)
{
    QString error;
    const FalConfig config
        = FalConfig::load(configPath.isEmpty() ? FalConfig::defaultPath() : configPath, &error);
    m_configPath = config.path();
    while (m_profiles->count() > 1)
        m_profiles->removeItem(1);
    for (const QString &name : config.profileNames()) {
        if (config.profile(name).key.isEmpty())
            continue;
        const bool active = name == config.activeProfile();
        m_profiles->addItem(active ? tr("%1 (active in fal's CLI)").arg(name) : name, name);
    }
    m_profiles->setEnabled(m_profiles->count() > 1);
    m_profiles->setToolTip(
        m_profiles->count() > 1
            ? tr("Profiles of %1").arg(QDir::toNativeSeparators(m_configPath))
            : tr("No profile with a key in %1").arg(QDir::toNativeSeparators(m_configPath)));
    if (!error.isEmpty())
        qCWarning(lcUi) << "fal config:" << error;
}

void SignInDialog::profileChosen(int index)
{
    if (index <= 0)
        return;
    const QString name = m_profiles->itemData(index).toString();
    const FalConfig config = FalConfig::load(m_configPath);
    const FalConfig::Profile profile = config.profile(name);
    m_key->setText(profile.key); // shown as dots; the person can reveal it
    m_keySource = tr("profile “%1” of %2").arg(name, QDir::toNativeSeparators(m_configPath));
    if (!profile.host.isEmpty()) {
        QString host = profile.host;
        if (host.startsWith(QLatin1String("api")))
            host.replace(0, 3, QStringLiteral("rest")); // as fal's own flags.py does
        if (const auto url = ConnectionSettings::endpointFromHost(host))
            setEndpoint(*url);
    }
    m_error->hide();
}

QString SignInDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void SignInDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void SignInDialog::setChecking(bool checking, const QString &status)
{
    m_checking = checking;
    for (QWidget *w :
         std::initializer_list<QWidget *> {m_key, m_endpointEdit, m_profiles, m_signIn})
        w->setEnabled(!checking);
    m_profiles->setEnabled(!checking && m_profiles->count() > 1);
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
    setCursor(checking ? Qt::BusyCursor : Qt::ArrowCursor);
}

void SignInDialog::submit()
{
    if (m_checking)
        return;
    m_error->hide();
    QString why;
    const QString source = m_keySource.isEmpty() ? tr("your sign-in") : m_keySource;
    const auto credentials = Credentials::fromKey(m_key->text(), source, &why);
    if (!credentials) {
        showError(tr("This is not a fal key: %1. A key looks like key_id:key_secret.").arg(why));
        return;
    }
    const auto endpoint = ConnectionSettings::endpointFromHost(m_endpointEdit->text(), &why);
    if (!endpoint) {
        showError(tr("The endpoint is not usable: %1.").arg(why));
        return;
    }
    m_candidate = *credentials;
    m_candidateEndpoint = *endpoint;
    setChecking(true, tr("Checking the key with %1…").arg(endpoint->host()));

    // The key is tried on a client of its own: the app's stays as it is until this one works.
    auto *client = new FilesClient(m_network, this);
    client->setEndpoint(*endpoint);
    client->setCredentials(*credentials);
    RetryPolicy quick = client->retryPolicy();
    quick.maxAttempts = 2;
    client->setRetryPolicy(quick);
    client->setInactivityTimeoutMs(20'000);
    m_job = new ListJob(client, RemotePath(), client);
    connect(m_job, &ApiJob::finished, this, [this, client] {
        onChecked(m_job);
        client->deleteLater();
    });
    m_job->start();
}

void SignInDialog::onChecked(ListJob *job)
{
    if (!job->succeeded()) {
        setChecking(false);
        const ApiError &error = job->error();
        if (error.kind == ApiError::Kind::Forbidden || error.kind == ApiError::Kind::Unauthorized)
            showError(tr("fal refused this key: %1").arg(error.message()));
        else
            showError(tr("Could not check the key at %1: %2")
                          .arg(m_candidateEndpoint.toString(), error.message()));
        return;
    }
    setChecking(true, tr("The key works. Saving it…"));
    auto accepted = [this](const QString &problem) {
        m_saveProblem = problem;
        m_credentials = m_candidate;
        m_endpoint = m_candidateEndpoint;
        setChecking(false);
        accept();
    };
    if (!m_store)
        return accepted(QString());
    m_store->write(m_candidate.key(), [accepted](const KeyStore::Result &result) {
        accepted(result.ok ? QString()
                           : tr("The key works but could not be saved: %1").arg(result.error));
    });
}
