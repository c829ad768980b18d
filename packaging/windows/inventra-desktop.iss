; Inno Setup 6 recipe: a Windows installer for the one-folder bundle dist\inventra-desktop\.
; NOT BUILT HERE: the project's machines run Linux, and PyInstaller only builds for the OS it
; runs on. On a Windows machine with Python 3.11-3.13 and Inno Setup 6:
;
;   py -3.11 packaging\build.py
;       builds dist\inventra-desktop\ (inventra-desktop.exe windowed, inventra.exe console) and
;       smoke-tests it; at the end it prints the next line with the version filled in
;   iscc /DAppVersion=0.1.0 packaging\windows\inventra-desktop.iss
;       writes dist\inventra-desktop-<version>-setup.exe
;
; The version has ONE source, [project] version in pyproject.toml: build.py reads it from there
; and passes it on the iscc command line; this file refuses to compile without it.
; Paths below are relative to this file (Inno Setup's SourceDir).

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z packaging\windows\inventra-desktop.iss
#endif

#define AppName "Inventra Desktop"
#define AppExe "inventra-desktop.exe"
#define BundleDir "..\..\dist\inventra-desktop"

[Setup]
; Never change AppId: Windows recognises upgrades and the uninstaller by it.
AppId={{7D621BBA-D508-4E37-BDF6-9A974D36DAB7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Inventra
DefaultDirName={autopf}\Inventra Desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install by default (no administrator needed on a shop PC); the dialog offers all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=inventra-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\inventra.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; The app must not be running while its files are replaced or removed.
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: both executables and _internal\ (Python, Qt, data, docs\ for the Help menu).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} (demo store)"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes what [Files] installed. It deliberately keeps the user's data folder
; (%LOCALAPPDATA%\inventra-desktop: the count journal, which may hold counts not yet delivered to
; Shopify, the demo store and the logs), the settings (HKCU\Software\Inventra\Inventra Desktop) and
; the tokens in Windows Credential Manager. Delete those by hand to remove every trace.
