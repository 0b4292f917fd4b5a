; Inno Setup script: compile with ISCC.exe after `packaging\build.sh` (Git Bash) built dist\StyleRec.
#define AppVersion GetEnv("STYLEREC_VERSION")
[Setup]
AppId={{6C1A7B52-3F0E-4F5B-9E2D-5A7C1B0E4D21}
AppName=StyleRec
AppVersion={#AppVersion}
AppPublisher=StyleRec
DefaultDirName={autopf}\StyleRec
DefaultGroupName=StyleRec
OutputDir=..\..\dist
OutputBaseFilename=StyleRec-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\stylerec.ico
Compression=lzma2/ultra64
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
[Files]
Source: "..\..\dist\StyleRec\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
[Icons]
Name: "{group}\StyleRec"; Filename: "{app}\stylerec.exe"
Name: "{autodesktop}\StyleRec"; Filename: "{app}\stylerec.exe"; Tasks: desktopicon
[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"
[Run]
Filename: "{app}\stylerec.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation…"
Filename: "{app}\stylerec.exe"; Description: "{cm:LaunchProgram,StyleRec}"; Flags: nowait postinstall skipifsilent
