; Inno Setup script: the Windows installer around the PyInstaller folder (dist\slideshow).
; Built by the release workflow (.github/workflows/release.yml):
;   iscc /DAppVersion=0.1.0 /DAppId=io.github.slideshow_viewer.Slideshow packaging\windows\slideshow.iss
; Installs per user by default (no administrator needed), with a Start menu entry, an optional desktop
; icon, "Open with" for .slideshow.json decks, and an uninstaller.
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (from pyproject.toml, via packaging/release.py)
#endif
#ifndef AppId
  #define AppId "io.github.slideshow_viewer.Slideshow"
#endif

[Setup]
AppId={#AppId}
AppName=Slideshow
AppVersion={#AppVersion}
AppPublisher=The Slideshow authors
AppPublisherURL=https://github.com/slideshow-viewer/slideshow
DefaultDirName={autopf}\Slideshow
DefaultGroupName=Slideshow
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=slideshow-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\slideshow.ico
UninstallDisplayIcon={app}\slideshow.exe
LicenseFile=..\..\LICENSE
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\slideshow\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Slideshow"; Filename: "{app}\slideshow.exe"
Name: "{group}\Licences"; Filename: "{app}\_internal\licenses\README.txt"
Name: "{group}\{cm:UninstallProgram,Slideshow}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Slideshow"; Filename: "{app}\slideshow.exe"; Tasks: desktopicon

[Registry]
; "Open with Slideshow" for decks named *.slideshow.json (slides.json stays with the user's JSON editor).
Root: HKA; Subkey: "Software\Classes\.slideshow.json\OpenWithProgids"; ValueType: string; ValueName: "{#AppId}.deck"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#AppId}.deck"; ValueType: string; ValueName: ""; ValueData: "Slideshow deck"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppId}.deck\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\slideshow.exe,0"
Root: HKA; Subkey: "Software\Classes\{#AppId}.deck\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\slideshow.exe"" ""%1"""

[Run]
Filename: "{app}\slideshow.exe"; Description: "{cm:LaunchProgram,Slideshow}"; Flags: nowait postinstall skipifsilent
