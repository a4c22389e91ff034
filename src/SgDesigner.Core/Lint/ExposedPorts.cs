using System.Collections.Immutable;

namespace SgDesigner.Core.Lint;

/// <summary>A well-known TCP service that must not face the internet.</summary>
/// <param name="From">First port.</param>
/// <param name="To">Last port (inclusive).</param>
/// <param name="Service">What listens there.</param>
internal sealed record ExposedPort(int From, int To, string Service)
{
    public override string ToString() => From == To ? $"{From} ({Service})" : $"{From}-{To} ({Service})";
}

/// <summary>The port lists behind SGD001 and SGD002 (the ports Prowler's and Checkov's per-port checks cover, and a few more).</summary>
internal static class ExposedPorts
{
    /// <summary>Remote administration and file-transfer services, most commonly exposed first.</summary>
    public static ImmutableArray<ExposedPort> Administration { get; } =
    [
        new(22, 22, "SSH"), new(3389, 3389, "RDP"), new(23, 23, "Telnet"), new(20, 21, "FTP"), new(445, 445, "SMB"),
        new(5900, 5900, "VNC"), new(5985, 5986, "WinRM"), new(2375, 2376, "Docker API"), new(135, 135, "MS RPC"),
    ];

    /// <summary>Databases, caches, queues and search clusters, most commonly exposed first.</summary>
    public static ImmutableArray<ExposedPort> DataStores { get; } =
    [
        new(5432, 5432, "PostgreSQL"), new(3306, 3306, "MySQL"), new(1433, 1434, "SQL Server"), new(6379, 6379, "Redis"),
        new(27017, 27018, "MongoDB"), new(9200, 9200, "Elasticsearch"), new(9300, 9300, "Elasticsearch"),
        new(5601, 5601, "Kibana"), new(1521, 1521, "Oracle"), new(2483, 2484, "Oracle"), new(11211, 11211, "Memcached"),
        new(9092, 9092, "Kafka"), new(9042, 9042, "Cassandra"), new(7199, 7199, "Cassandra"), new(9160, 9160, "Cassandra"),
        new(8888, 8888, "Cassandra OpsCenter"), new(5984, 5984, "CouchDB"),
    ];
}
