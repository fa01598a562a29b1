#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A strip across the top of the window, in the manner of KDE's KMessageWidget, that says the app
// is not on fal's servers but on its built-in emulator (or that the saved key could not be read),
// with a button to sign in.
class EmulatorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit EmulatorBanner(QWidget *parent = nullptr);

    void setMessage(const QString &text);
    QString message() const;
    QPushButton *signInButton() const { return m_signIn; }

Q_SIGNALS:
    void signInRequested();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void updateColors();

    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_signIn;
};
