; Inno Setup script for the Windows installer of Loket PBI.
; Build on Windows after the PyInstaller one-folder build (see README "Membangun installer"):
;   iscc /DMyAppVersion=0.1.0 packaging\loket-pbi.iss
; The AppId never changes: it is how an installed Loket PBI is found and upgraded in place.

#ifndef MyAppVersion
  #error Berikan versi: iscc /DMyAppVersion=X.Y.Z packaging\loket-pbi.iss
#endif

#define MyAppName "Loket PBI"
#define MyAppPublisher "Dinas Sosial"
#define MyAppExeName "LoketPBI.exe"

[Setup]
AppId={{5B0E7A4C-3D1F-4E8A-9C2B-7F61A0D4B9E3}
AppName={#MyAppName}
AppVersion={#MyAppVersion}
AppVerName={#MyAppName} {#MyAppVersion}
AppPublisher={#MyAppPublisher}
VersionInfoVersion={#MyAppVersion}
VersionInfoProductVersion={#MyAppVersion}
; Per-machine install: every officer on this PC gets the program and the one office of this PC, whose data
; folder is per machine (see [Dirs]); an earlier per-user office is moved there by the program's first start.
PrivilegesRequired=admin
DefaultDirName={autopf}\Loket PBI
DefaultGroupName=Loket PBI
DisableProgramGroupPage=yes
OutputDir=..\dist\installer
OutputBaseFilename=LoketPBI-{#MyAppVersion}-setup
SetupIconFile=..\resources\icons\loket-pbi.ico
UninstallDisplayIcon={app}\{#MyAppExeName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
ArchitecturesAllowed=x64compatible
; An upgrade closes the running program and replaces the files; the data folder is never touched.
CloseApplications=yes
UsePreviousAppDir=yes

[Languages]
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Dirs]
; The office's data folder, per machine (the program finds it through platformdirs' site data dir): every
; user of this PC may change it (officers with separate Windows logins share one office). Never removed by
; the uninstaller: it holds the database, the letter archive and the backups.
Name: "{commonappdata}\DinasSosial\LoketPBI"; Permissions: users-modify; Flags: uninsneveruninstall

[Files]
; The whole PyInstaller one-folder build. Old files of a previous version are removed first
; (see [InstallDelete]) so an upgrade never mixes two versions' libraries.
Source: "..\dist\LoketPBI\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Loket PBI"; Filename: "{app}\{#MyAppExeName}"
; The windowed program runs the backup (no console window flashes); its output goes to the log.
Name: "{group}\Cadangkan data Loket PBI"; Filename: "{app}\{#MyAppExeName}"; Parameters: "backup --if-due"
Name: "{group}\{cm:UninstallProgram,Loket PBI}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Loket PBI"; Filename: "{app}\{#MyAppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MyAppExeName}"; Description: "{cm:LaunchProgram,Loket PBI}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] deliberately absent: uninstalling removes the program only. The data folder
; (%PROGRAMDATA%\DinasSosial\LoketPBI: database, letter archive, backups) stays.
