@echo off
rem partner-center @project.version@: the launcher of Partner Center's purchase flow command line
rem on Windows. Put this bin\ directory on the PATH. It runs
rem lib\partner-center-purchase-@project.version@-cli.jar on the Java in JAVA_HOME, or else on
rem the first java.exe on the PATH (Java 17 or newer), passing the arguments through; the exit code
rem is the command's.
rem
rem JAVA_OPTS and PARTNER_CENTER_OPTS add JVM options after the launcher's own.
rem Class-data sharing, only with JAVA_HOME set to a Java 19 or newer: the first run of cart,
rem checkout, order or purchase (without --help, -h, --version, -V, help or generate-completion)
rem records an archive in %LOCALAPPDATA%\partner-center (-XX:+AutoCreateSharedArchive), and
rem later runs map it. PARTNER_CENTER_CDS=off turns it off.
rem On Java 17 and 18, or with java.exe from the PATH, this launcher uses no archive.

setlocal EnableExtensions DisableDelayedExpansion
set "APP_HOME=%~dp0.."
set "JAR=%APP_HOME%\lib\partner-center-purchase-@project.version@-cli.jar"

if not defined JAVA_HOME goto javaFromPath
set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA_EXE%" goto cds
echo partner-center: JAVA_HOME (%JAVA_HOME%) has no bin\java.exe; set it to a Java 17 or newer 1>&2
exit /b 127

:javaFromPath
set "JAVA_EXE=java.exe"
where java.exe >nul 2>nul
if not errorlevel 1 goto run
echo partner-center: no java found: set JAVA_HOME or put Java 17 or newer on the PATH 1>&2
exit /b 127

:cds
set "CDS_OPTS="
if /i "%PARTNER_CENTER_CDS%"=="off" goto run
if not defined LOCALAPPDATA goto run
if not exist "%JAVA_HOME%\release" goto run
set "JAVA_VERSION="
for /f "usebackq tokens=1,* delims==" %%a in ("%JAVA_HOME%\release") do (
  if "%%a"=="JAVA_VERSION" set "JAVA_VERSION=%%~b"
)
if not defined JAVA_VERSION goto run
set "JAVA_MAJOR="
for /f "tokens=1 delims=.-+" %%m in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%m"
if not defined JAVA_MAJOR goto run
if %JAVA_MAJOR% LSS 19 goto run
set "CDS_DIR=%LOCALAPPDATA%\partner-center"
if not exist "%CDS_DIR%\" mkdir "%CDS_DIR%" >nul 2>nul
if not exist "%CDS_DIR%\" goto run
set "ARCHIVE=%CDS_DIR%\partner-center-@project.version@-java%JAVA_VERSION%.jsa"
set "QUIET_CDS=-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
for %%c in (cart checkout order purchase) do if /i "%~1"=="%%c" goto scanArgs
goto mapOnly
rem Help and version output (anywhere in the arguments) maps an archive but never makes one,
rem or a small archive would be kept for good. SHIFT leaves the arguments java gets unchanged.
:scanArgs
if [%1]==[] goto record
for %%h in (--help -h --version -V help generate-completion) do if "%~1"=="%%h" goto mapOnly
shift
goto scanArgs
:mapOnly
if not exist "%ARCHIVE%" goto run
set CDS_OPTS=%QUIET_CDS% "-XX:SharedArchiveFile=%ARCHIVE%"
goto run
:record
set CDS_OPTS=%QUIET_CDS% -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%ARCHIVE%"

:run
"%JAVA_EXE%" %CDS_OPTS% -XX:TieredStopAtLevel=1 %JAVA_OPTS% %PARTNER_CENTER_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
