<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DesktopNotifier</name>
    <message numerus="yes">
        <source>Transfers finished, %n failed</source>
        <translation>
            <numerusform>Transfers finished, %n failed</numerusform>
            <numerusform>Transfers finished, %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more; see the transfer queue.</source>
        <translation>
            <numerusform>…and %n more; see the transfer queue.</numerusform>
            <numerusform>…and %n more; see the transfer queue.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LocalScanner</name>
    <message numerus="yes">
        <source>%n link(s) skipped: they point outside the folder being uploaded (%1). Upload a link itself to send what it points to.</source>
        <translation>
            <numerusform>%n link skipped: it points outside the folder being uploaded (%1). Upload the link itself to send what it points to.</numerusform>
            <numerusform>%n links skipped: they point outside the folder being uploaded (%1). Upload a link itself to send what it points to.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MultipartUploadJob</name>
    <message numerus="yes">
        <source>; part(s) %1 differ(s)</source>
        <translation>
            <numerusform>; part %1 differs</numerusform>
            <numerusform>; parts %1 differ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextFormat</name>
    <message numerus="yes">
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln folder(s)</source>
        <translation>
            <numerusform>%Ln folder</numerusform>
            <numerusform>%Ln folders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln subfolder(s)</source>
        <translation>
            <numerusform>%Ln subfolder</numerusform>
            <numerusform>%Ln subfolders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln transfer(s)</source>
        <translation>
            <numerusform>%Ln transfer</numerusform>
            <numerusform>%Ln transfers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferModel</name>
    <message numerus="yes">
        <source>%1 · %2 of %Ln file(s) done</source>
        <translation>
            <numerusform>%1 · %2 of %Ln file done</numerusform>
            <numerusform>%1 · %2 of %Ln files done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failed: %1 of %Ln file(s): %2</source>
        <translation>
            <numerusform>Failed: %1 of %Ln file: %2</numerusform>
            <numerusform>Failed: %1 of %Ln files: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferFailureBar</name>
    <message numerus="yes">
        <source>%Ln transfer(s) failed: %1</source>
        <translation>
            <numerusform>%Ln transfer failed: %1</numerusform>
            <numerusform>%Ln transfers failed: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferStatusWidget</name>
    <message numerus="yes">
        <source>%Ln paused</source>
        <translation>
            <numerusform>%Ln paused</numerusform>
            <numerusform>%Ln paused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need(s) attention</source>
        <translation>
            <numerusform>%Ln needs attention</numerusform>
            <numerusform>%Ln need attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UploadTask</name>
    <message numerus="yes">
        <source>resuming upload %1 with %n part(s) already stored</source>
        <translation>
            <numerusform>resuming upload %1 with %n part already stored</numerusform>
            <numerusform>resuming upload %1 with %n parts already stored</numerusform>
        </translation>
    </message>
</context>
</TS>
