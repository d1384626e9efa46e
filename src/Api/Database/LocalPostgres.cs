using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace RiverGis.Api.Database;

/// <summary>
/// A PostgreSQL 15 + PostGIS cluster of the project's own, used when RIVERGIS_CONNECTION is not set and by the tests:
/// installs the Debian packages when missing, runs initdb into a folder it owns, and starts the server on loopback
/// only. PostgreSQL refuses to run as root, so under root the cluster belongs to (and runs as) the `postgres` user.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    public const string DatabaseName = "rivergis";
    private const string ServiceUser = "postgres";
    private string _root;
    private readonly bool _throwaway;
    private readonly Action<string> _log;
    private bool _startedHere;

    private LocalPostgres(string root, bool throwaway, Action<string> log)
    {
        _root = root;
        _throwaway = throwaway;
        _log = log;
    }

    public string ClusterDirectory => Path.Combine(_root, "cluster");

    /// <summary>The password of the cluster's `rivergis` role, readable by its owner only (0600).</summary>
    public string PasswordFile => Path.Combine(_root, "password");
    public int Port { get; private set; }
    public string ConnectionString { get; private set; } = "";

    /// <summary>The long-lived cluster in the project's git-ignored .pgdata folder (kept between runs).</summary>
    public static Task<LocalPostgres> StartProjectClusterAsync(Action<string> log, CancellationToken ct = default)
    {
        var root = Path.Combine(ProjectPaths.Root, ".pgdata");
        return StartAsync(new LocalPostgres(root, throwaway: false, log), ct);
    }

    /// <summary>
    /// Under root the server runs as `postgres`, which must be able to reach the cluster folder; a checkout inside a
    /// private home (e.g. /root) is not reachable, so the cluster then lives under /var/lib/rivergis instead.
    /// </summary>
    private static async Task<string> ReachableRootAsync(string preferred, Action<string> log, CancellationToken ct)
    {
        if (!IsRoot) return preferred;
        var parent = Path.GetDirectoryName(preferred)!;
        var (code, _) = await TryRunAsync("runuser", ["-u", ServiceUser, "--", "test", "-x", parent], ct);
        if (code == 0) return preferred;
        var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(preferred)))[..12].ToLowerInvariant();
        var fallback = Path.Combine("/var/lib/rivergis", hash);
        log($"{parent} is not reachable by the postgres user; keeping the cluster in {fallback}");
        return fallback;
    }

    /// <summary>A fresh cluster in a temporary folder on a free port, deleted on dispose (tests, benchmarks).</summary>
    public static Task<LocalPostgres> StartThrowawayAsync(Action<string> log, CancellationToken ct = default)
    {
        RemoveAbandonedThrowaways(log);
        var root = Path.Combine(Path.GetTempPath(), ThrowawayPrefix + Guid.NewGuid().ToString("N")[..12]);
        return StartAsync(new LocalPostgres(root, throwaway: true, log), ct);
    }

    private const string ThrowawayPrefix = "rivergis-pg-";

    /// <summary>
    /// Throwaway clusters a killed run left behind (about 1 GB each; a test host killed at the end of a run skips its
    /// exit handler): older than an hour and with no live server in them. Younger ones may still be starting elsewhere.
    /// </summary>
    private static void RemoveAbandonedThrowaways(Action<string> log)
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), ThrowawayPrefix + "*"))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddHours(-1) || HasLiveServer(dir)) continue;
                Directory.Delete(dir, recursive: true);
                log($"removed the abandoned throwaway cluster {dir}");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Whether the folder's cluster has a postmaster.pid naming a running process.</summary>
    private static bool HasLiveServer(string dir)
    {
        var pidFile = Path.Combine(dir, "cluster", "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && Directory.Exists($"/proc/{pid}");
    }

    private static async Task<LocalPostgres> StartAsync(LocalPostgres cluster, CancellationToken ct)
    {
        cluster._root = await ReachableRootAsync(cluster._root, cluster._log, ct);
        await cluster.StartAsync(ct);
        return cluster;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates a file with mode 0600 from the start (no moment in which another user could read it).</summary>
    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), ct);
    }

    private async Task StartAsync(CancellationToken ct)
    {
        var bin = await EnsureInstalledAsync(ct);
        Directory.CreateDirectory(_root);
        var passwordFile = PasswordFile;
        var portFile = Path.Combine(_root, "port");
        var logDirectory = Path.Combine(_root, "log");
        Directory.CreateDirectory(logDirectory);
        if (IsRoot) await RunAsync("chown", [ServiceUser, logDirectory], ct);

        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            _log($"Creating a PostgreSQL cluster in {ClusterDirectory}");
            if (Directory.Exists(ClusterDirectory)) Directory.Delete(ClusterDirectory, recursive: true);
            Directory.CreateDirectory(ClusterDirectory);
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var pwfile = Path.Combine(_root, "initdb-pw");
            await WriteOwnerOnlyAsync(pwfile, password, ct);
            if (IsRoot) await RunAsync("chown", ["-R", ServiceUser, ClusterDirectory, pwfile], ct);
            await RunAsServiceUserAsync(Path.Combine(bin, "initdb"),
                ["-D", ClusterDirectory, "-U", "rivergis", "--auth=scram-sha-256", "--pwfile", pwfile, "-E", "UTF8", "--locale=C.UTF-8"], ct);
            File.Delete(pwfile);
            await WriteOwnerOnlyAsync(passwordFile, password, ct);
        }
        // Readable by its owner only (0600) — also under root, and also for a file an older version left readable to all.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, OwnerOnly);
        var secret = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        Port = File.Exists(portFile) && int.TryParse(await File.ReadAllTextAsync(portFile, ct), out var p) ? p : 0;
        if (await IsServerUpAsync(bin))
        {
            _log($"PostgreSQL already running on 127.0.0.1:{Port}");
        }
        else
        {
            if (Port == 0 || !IsPortFree(Port)) Port = FreePort();
            await File.WriteAllTextAsync(portFile, Port.ToString(), ct);
            var options = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
            if (_throwaway) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            _log($"Starting PostgreSQL on 127.0.0.1:{Port}");
            await RunAsServiceUserAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", ClusterDirectory, "-l", Path.Combine(logDirectory, "postgres.log"), "-w", "-t", "60", "-o", options, "start"], ct);
            _startedHere = true;
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = "rivergis", Password = secret, Database = "postgres", Pooling = false,
        };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", DatabaseName);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        admin.Database = DatabaseName;
        admin.Pooling = true;
        ConnectionString = admin.ConnectionString;
    }

    /// <summary>The PostgreSQL 15 binaries, installing postgresql-15-postgis-3 with apt-get when PostGIS is missing.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken ct = default, Action<string>? log = null)
    {
        const string bin = "/usr/lib/postgresql/15/bin";
        const string postgisControl = "/usr/share/postgresql/15/extension/postgis.control";
        if (File.Exists(Path.Combine(bin, "initdb")) && File.Exists(postgisControl)) return bin;
        log?.Invoke("Installing postgresql-15-postgis-3 with apt-get");
        // Non-root users need password-less sudo for this one step; root runs apt-get directly.
        string[] prefix = IsRoot ? [] : ["sudo", "-n", "--preserve-env=DEBIAN_FRONTEND"];
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] update = [.. prefix, "apt-get", "update", "-qq"];
        string[] install = [.. prefix, "apt-get", "install", "-y", "-qq", "postgresql-15", "postgresql-15-postgis-3"];
        await RunAsync(update[0], update[1..], ct, environment);
        await RunAsync(install[0], install[1..], ct, environment);
        if (!File.Exists(postgisControl)) throw new InvalidOperationException("PostGIS is still missing after apt-get install postgresql-15-postgis-3");
        return bin;
    }

    private async Task<bool> IsServerUpAsync(string bin)
    {
        if (Port == 0 || !File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid"))) return false;
        var (code, _) = await TryRunAsync(Path.Combine(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", Port.ToString(), "-t", "2"], default);
        return code == 0;
    }

    private Task RunAsServiceUserAsync(string program, string[] arguments, CancellationToken ct) =>
        IsRoot ? RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], ct) : RunAsync(program, arguments, ct);

    private static async Task RunAsync(string program, string[] arguments, CancellationToken ct, Dictionary<string, string>? environment = null)
    {
        var (code, output) = await TryRunAsync(program, arguments, ct, environment);
        if (code != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {code}:\n{output}");
    }

    private static async Task<(int Code, string Output)> TryRunAsync(string program, string[] arguments, CancellationToken ct,
        Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        // Our own working directory may be unreadable for the postgres user; start it somewhere neutral.
        info.WorkingDirectory = "/";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the server (fault tests and the soak: "the database goes away under a running service"); fast mode ends
    /// every session with 57P01, immediate mode is a crash.
    /// </summary>
    public Task StopServerAsync(string mode = "fast", CancellationToken ct = default) =>
        RunAsServiceUserAsync("/usr/lib/postgresql/15/bin/pg_ctl", ["-D", ClusterDirectory, "-m", mode, "-w", "stop"], ct);

    /// <summary>Starts a stopped server again on the same port.</summary>
    public Task StartServerAsync(CancellationToken ct = default) => StartAsync(ct);

    /// <summary>Stops the server if this process started it; a throwaway cluster is also deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_startedHere)
        {
            try
            {
                await RunAsServiceUserAsync("/usr/lib/postgresql/15/bin/pg_ctl", ["-D", ClusterDirectory, "-m", "fast", "-w", "stop"], default);
            }
            catch (InvalidOperationException ex)
            {
                _log("Stopping PostgreSQL failed: " + ex.Message);
            }
        }
        if (_throwaway && Directory.Exists(_root))
        {
            try { Directory.Delete(_root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
