using System.Reflection;
using SgDesigner.Core.Model;
using SgDesigner.Core.Samples;
using SgDesigner.Data.Mapping;
using SgDesigner.Data.Tests.Infrastructure;

namespace SgDesigner.Data.Tests;

/// <summary>
/// On SQLite a snapshot's content is read as one JSON array per table (<see cref="SqliteContentTable{T}"/>): every
/// table of varied estates must come back as EF's own query reads it, row for row and value for value, nulls and
/// texts that JSON escapes included.
/// </summary>
public sealed class SqliteContentTableTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Texts JSON must escape or carry as they are: quotes, backslashes, control characters, non-ASCII, an emoji.
    private const string Awkward = "q\"uote \\ back\tslash\nnew line \r unit ü Zürich 🚀 \u202e rtl";

    private static IEnumerable<Estate> Estates()
    {
        yield return DemoEstate.Build();
        yield return RuleMetadataStorageTests.WithMetadata(EstateGenerator.Generate(groups: 12, rulesPerGroup: 6, enis: 40));
        foreach (var dataset in AwsSamples.Datasets)
            yield return AwsSamples.Import((string)dataset.Data);
        var demo = DemoEstate.Build();
        var group = demo.Groups[0];
        var subnet = demo.Subnets[0];
        var vpcs = demo.Vpcs.Select(v => v.Id == subnet.VpcId ? v with { Cidrs = v.Cidrs.Add(Cidr.Parse("2001:db8:1234::/56").Value) } : v);
        yield return demo.WithGroup(group with { Tags = group.Tags.SetItem("awkward", Awkward) }) with
        {
            Vpcs = [.. vpcs],
            // An interface described without its subnet (AWS CLI output may leave it out).
            NetworkInterfaces = demo.NetworkInterfaces.Add(demo.NetworkInterfaces[0] with { Id = "eni-0000000000000abcd", SubnetId = null, InstanceId = null, DeviceIndex = null }),
            Subnets = demo.Subnets.SetItem(0, subnet with { Ipv6Cidr = Cidr.Parse("2001:db8:1234:1::/64").Value, AvailabilityZone = null }),
        };
    }

    [Fact]
    public async Task EveryTableReadsAsEfReadsIt()
    {
        var rowsPerTable = EstateRows.TableTypes().ToDictionary(t => t, _ => new List<object>());
        foreach (var estate in Estates())
        {
            var policy = await database.Store.CreatePolicyAsync($"json {Guid.NewGuid():N}", null, estate, "alice", Ct);
            Assert.True(policy.IsOk, policy.ToString());
            await using var db = database.CreateContext();
            var snapshotId = db.Revisions.Single(r => r.PolicyId == policy.Value.Id).SnapshotId;
            foreach (var type in EstateRows.TableTypes())
            {
                var fromJson = await ContentTableReads.AsSqliteJsonAsync(type, db, snapshotId);
                var fromEf = await ContentTableReads.ThroughEfAsync(type, db, snapshotId);
                Assert.Equal(fromEf, fromJson);
                rowsPerTable[type].AddRange(fromJson);
            }
        }

        // What was compared covers every table, and both null and a value in every column that may be null.
        var missing = new List<string>();
        foreach (var (type, rows) in rowsPerTable)
        {
            if (rows.Count == 0)
                missing.Add($"no {type.Name}");
            foreach (var property in type.GetProperties().Where(MayBeNull))
            {
                if (!rows.Any(r => property.GetValue(r) is null))
                    missing.Add($"no {type.Name} with a null {property.Name}");
                if (!rows.Any(r => property.GetValue(r) is not null))
                    missing.Add($"no {type.Name} with a {property.Name}");
            }
        }
        Assert.Empty(missing);
        Assert.Contains(rowsPerTable[typeof(Rows.GroupTagRow)].Cast<Rows.GroupTagRow>(), t => t.Value == Awkward);
    }

    private static bool MayBeNull(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable);
}
