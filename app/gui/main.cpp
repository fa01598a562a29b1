// fal-files: the GUI. Opens the account fal's own tools would use (or the built-in emulator when
// there is none) in the main window.
#include "app/gui/AppSession.h"
#include "app/gui/SingleInstance.h"
#include "models/RemoteTreeModel.h"
#include "network/account/Credentials.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "ui/IconContrastStyle.h"
#include "ui/MainWindow.h"
#include "ui/UiLog.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/RemoteView.h"

#include "FalVersion.h" // generated: FAL_FILES_VERSION

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include <cstdio>
#include <optional>
#include <utility>

// fal Files' own icon (resources/app-icon): the installed theme's when it has one (a packaged
// install, or a theme that draws its own), else the copy built into the program. Outside the
// namespace, as Q_INIT_RESOURCE requires.
static QIcon applicationIcon()
{
    Q_INIT_RESOURCE(fal_app_icon);
    QIcon bundled;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        bundled.addFile(QStringLiteral(":/app-icon/%1x%1/apps/ai.fal.Files.png").arg(size),
                        QSize(size, size));
    return QIcon::fromTheme(QStringLiteral("ai.fal.Files"), bundled);
}

namespace {

// --screenshot: the window on its folder, every row in, grabbed to a PNG, then quit.
void takeScreenshot(MainWindow *window, const QString &path, const QString &folder)
{
    window->resize(1180, 720);
    auto shoot = [window, path] {
        // One file selected, as people use it: the status bar then shows the selection too.
        QAbstractItemView *details = window->detailsView();
        const QModelIndex root = details->rootIndex();
        for (int row = 0; row < details->model()->rowCount(root); ++row) {
            const QModelIndex index = details->model()->index(row, 0, root);
            if (index.data(RemoteTreeModel::KindRole).toInt() == FileKind::Weights) {
                details->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                break;
            }
        }
        details->setFocus();
        QTimer::singleShot(400, window, [window, path] {
            const bool saved = window->grab().save(path);
            qInfo("screenshot %s: %s", saved ? "saved" : "NOT saved", qPrintable(path));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(window->model(), &RemoteTreeModel::folderLoaded, window,
                     [window, shoot, folder](const RemotePath &p) {
                         if (p.absolute() == folder || p.relative() == folder)
                             shoot();
                     });
    if (const auto path = RemotePath::parse(folder))
        window->navigateTo(*path);
}

// What --help says after the options, in the sections the man page is made of
// (packaging/man/help2man.py).
constexpr char kMoreHelp[] = R"(
Exit codes:
  0    the window was closed, or --help or --version answered
  1    the window could not be shown (no display, no session could start)
  2    usage: an unknown option, more than one path, or a path that cannot be in /data

Environment:
  FAL_KEY          the API key, ID:SECRET (without one, the built-in emulator opens)
  FAL_KEY_ID       the key's ID, with FAL_KEY_SECRET (when FAL_KEY is not set)
  FAL_KEY_SECRET   the key's secret
  FAL_PROFILE      the profile of fal's config to use (as --profile)
  FAL_CONFIG_PATH  fal's config file, instead of ~/.fal/config.toml
  FAL_REST_HOST    the REST endpoint's host (as fal's own tools read it)
  XDG_DATA_HOME    where the transfer journal and the emulator's /data are kept

Files:
  ~/.fal/config.toml
      fal's profiles and keys, shared with fal's own CLI
  ~/.local/share/fal-files/fal-files/transfers.sqlite
      the transfer journal, shared with fal-files-cli
  ~/.local/share/fal-files/fal-files/emulator-data/
      the built-in emulator's /data
)";

// Whether the command line asks only for --help or --version: answered without a display (over
// ssh, in a package's checks), before the QApplication that would refuse to start without one.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            return false;
        if (arg == "--help" || arg == "-h" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // The same names as fal-files-cli: the two share the transfer journal.
    QCoreApplication::setApplicationName(QStringLiteral("fal-files"));
    QCoreApplication::setOrganizationName(QStringLiteral("fal-files"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FAL_FILES_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A file manager for fal's persistent /data storage."));
    const QCommandLineOption help = parser.addHelpOption();
    // No -v: fal-files-cli's -v is --verbose.
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Displays version information."));
    parser.addOption(version);
    const QCommandLineOption endpoint(
        QStringLiteral("endpoint"),
        QStringLiteral("The fal REST endpoint (default: as fal's tools pick it)."),
        QStringLiteral("url"));
    const QCommandLineOption key(
        QStringLiteral("key"),
        QStringLiteral("A fal key, key_id:key_secret (prefer FAL_KEY or --key-file: a command "
                       "line is visible to others)."),
        QStringLiteral("key"));
    const QCommandLineOption keyFile(QStringLiteral("key-file"),
                                     QStringLiteral("Read the fal key from a file."),
                                     QStringLiteral("path"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("A profile of ~/.fal/config.toml."),
                                     QStringLiteral("name"));
    const QCommandLineOption emulator(
        QStringLiteral("emulator"),
        QStringLiteral("Open the built-in emulator even when a key is set up."));
    const QCommandLineOption emulatorData(
        QStringLiteral("emulator-data"),
        QStringLiteral("The folder the built-in emulator serves as /data."), QStringLiteral("dir"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window to <png> and quit."), QStringLiteral("png"));
    const QCommandLineOption screenshotFolder(
        QStringLiteral("screenshot-folder"), QStringLiteral("The folder shown in the screenshot."),
        QStringLiteral("path"), QStringLiteral("/data/models"));
    const QCommandLineOption newWindow(
        QStringLiteral("new-window"),
        QStringLiteral("Open a window of its own even when fal Files is running already."));
    parser.addOptions({endpoint, key, keyFile, profile, emulator, emulatorData, screenshot,
                       screenshotFolder, newWindow});
    parser.addPositionalArgument(
        QStringLiteral("path"),
        QStringLiteral("A folder of /data to open, or a file to select in its folder "
                       "(/data/models/x or models/x). When fal Files is running already, its "
                       "window shows it."),
        QStringLiteral("[path]"));
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        // Asked for help, it is given even beside an option it does not know.
        parser.parse(QCoreApplication::arguments());
        if (parser.isSet(version) && !parser.isSet(help)) {
            std::printf("fal-files %s\n", FAL_FILES_VERSION);
            return 0;
        }
        std::fputs(qPrintable(parser.helpText()), stdout);
        std::fputs(kMoreHelp, stdout);
        return 0;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("fal Files"));
    QApplication::setDesktopFileName(QStringLiteral("ai.fal.Files"));
    // The plural forms ("1 file", "2 files"). TextFormat installs them as the application starts;
    // said here too, so that main() reads complete.
    TextFormat::installTranslations(&app);
    // Whichever style runs (the platform's, -style, QT_STYLE_OVERRIDE), icons of selected rows
    // keep their contrast; the proxy makes its own copy of that style by name.
    QApplication::setStyle(new IconContrastStyle(QApplication::style()->name()));

    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "fal-files: %s\n", qPrintable(parser.errorText()));
        return 2; // as fal-files-cli: the command line is wrong
    }
    if (parser.isSet(QStringLiteral("help-all")))
        parser.process(app); // with Qt's own options; prints them and exits
    if (parser.positionalArguments().size() > 1) {
        std::fputs("fal-files: one path at a time\n", stderr);
        return 2;
    }
    std::optional<RemotePath> startPath;
    if (!parser.positionalArguments().isEmpty()) {
        QString why;
        startPath = RemotePath::parse(parser.positionalArguments().first(), &why);
        if (!startPath) {
            std::fprintf(stderr, "fal-files: %s: %s\n",
                         qPrintable(parser.positionalArguments().first()), qPrintable(why));
            return 2;
        }
    }

    // A second start hands its path to the running window (over the session bus) and exits.
    SingleInstance instance(QDBusConnection::sessionBus());
    if (!parser.isSet(newWindow) && !parser.isSet(screenshot)
        && instance.claim(startPath ? QStringList {startPath->absolute()} : QStringList {})
            == SingleInstance::Claim::Forwarded)
        return 0;
    if (parser.isSet(key) && parser.isSet(keyFile)) {
        std::fputs("fal-files: give the key with --key or with --key-file, not both\n", stderr);
        return 2;
    }
    if (parser.isSet(key))
        std::fputs("fal-files: warning: --key shows the key to every user of this computer (ps, "
                   "/proc) and keeps it in the shell's history; use FAL_KEY or --key-file\n",
                   stderr);

    FileIconProvider::installTheme(app.palette());
    // The window, the about box and the task bar; the desktop entry names the same icon.
    QApplication::setWindowIcon(applicationIcon());

    AppSession::Options options;
    options.explicitEndpoint = parser.value(endpoint);
    options.explicitKey = parser.value(key);
    if (parser.isSet(keyFile)) {
        QString why;
        const auto fromFile = Credentials::readKeyFile(parser.value(keyFile), &why);
        if (!fromFile) {
            QMessageBox::critical(nullptr, QStringLiteral("fal Files"), VisibleText::escaped(why));
            return 2;
        }
        options.explicitKey = *fromFile;
        options.explicitKeySource = QStringLiteral("the key file %1").arg(parser.value(keyFile));
    }
    options.profile = parser.value(profile);
    options.forceEmulator = parser.isSet(emulator);
    options.emulatorData = parser.value(emulatorData);
    AppSession session(options);

    QPointer<MainWindow> window;
    auto showWindow = [&] {
        window = new MainWindow(session.client(), session.transfers(), &session);
        window->setAttribute(Qt::WA_DeleteOnClose);
        if (parser.isSet(screenshot)) {
            takeScreenshot(window, parser.value(screenshot), parser.value(screenshotFolder));
        } else if (startPath) {
            window->navigateTo(*std::exchange(startPath, std::nullopt)); // the first window only
        } else {
            window->restoreLastFolder();
        }
        window->show();
        QApplication::setQuitOnLastWindowClosed(true);
    };
    QObject::connect(&session, &AppSession::ready, &app, showWindow);
    QObject::connect(&session, &AppSession::aboutToChangeAccount, &app, [&] {
        // The window goes with the old engine; the app must not take that for "last window
        // closed, quit".
        QApplication::setQuitOnLastWindowClosed(false);
        if (window) {
            window->saveSettings();
            delete window;
        }
    });
    QObject::connect(&session, &AppSession::accountChanged, &app, showWindow);
    QObject::connect(&instance, &SingleInstance::openRequested, &app,
                     [&](const QStringList &paths) {
                         const auto path = RemotePath::parse(paths.value(0));
                         qCInfo(lcUi) << "another start asks to show" << paths;
                         if (!window) { // still starting: the window opens there
                             if (path && !paths.isEmpty())
                                 startPath = path;
                             return;
                         }
                         if (path && !paths.isEmpty())
                             window->navigateTo(*path);
                         // Minimized: back as it was (maximized stays maximized).
                         window->setWindowState(window->windowState() & ~Qt::WindowMinimized);
                         window->show();
                         window->raise();
                         window->activateWindow();
                     });
    QObject::connect(&session, &AppSession::failed, &app, [](const QString &message) {
        QMessageBox::critical(nullptr, QStringLiteral("fal Files"), VisibleText::escaped(message));
        QCoreApplication::exit(1);
    });
    session.start();
    return app.exec();
}
