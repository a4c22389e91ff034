using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SgDesigner.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                    table.CheckConstraint("CK_Policies_Name", "length(\"Name\") BETWEEN 1 AND 200");
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntries_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Snapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sealed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RulesPerDirection = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupsPerEni = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Snapshots", x => x.Id);
                    table.CheckConstraint("CK_Snapshots_GroupsPerEni", "\"GroupsPerEni\" > 0");
                    table.CheckConstraint("CK_Snapshots_RulesPerDirection", "\"RulesPerDirection\" > 0");
                    table.ForeignKey(
                        name: "FK_Snapshots_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Drafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BaseRevisionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PublishedRevisionNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Drafts", x => x.Id);
                    table.CheckConstraint("CK_Drafts_Status", "\"Status\" IN ('Open', 'Published', 'Abandoned')");
                    table.CheckConstraint("CK_Drafts_Version", "\"Version\" >= 1");
                    table.ForeignKey(
                        name: "FK_Drafts_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Drafts_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExternalEndpoints",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Cidr = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExternalEndpoints", x => new { x.SnapshotId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_ExternalEndpoints_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Instances",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instances", x => new { x.SnapshotId, x.Id });
                    table.ForeignKey(
                        name: "FK_Instances_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrefixLists",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Family = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrefixLists", x => new { x.SnapshotId, x.Id });
                    table.CheckConstraint("CK_PrefixLists_Family", "\"Family\" IN ('V4', 'V6')");
                    table.ForeignKey(
                        name: "FK_PrefixLists_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Revisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceDraftId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Revisions", x => x.Id);
                    table.CheckConstraint("CK_Revisions_Number", "\"Number\" >= 1");
                    table.ForeignKey(
                        name: "FK_Revisions_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Revisions_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Vpcs",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vpcs", x => new { x.SnapshotId, x.Id });
                    table.ForeignKey(
                        name: "FK_Vpcs_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InstanceTags",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstanceTags", x => new { x.SnapshotId, x.InstanceId, x.Key });
                    table.ForeignKey(
                        name: "FK_InstanceTags_Instances_SnapshotId_InstanceId",
                        columns: x => new { x.SnapshotId, x.InstanceId },
                        principalTable: "Instances",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrefixListEntries",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PrefixListId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Cidr = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrefixListEntries", x => new { x.SnapshotId, x.PrefixListId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_PrefixListEntries_PrefixLists_SnapshotId_PrefixListId",
                        columns: x => new { x.SnapshotId, x.PrefixListId },
                        principalTable: "PrefixLists",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SecurityGroups",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    NameClash = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroups", x => new { x.SnapshotId, x.Id });
                    table.CheckConstraint("CK_SecurityGroups_Description", "length(\"Description\") <= 255");
                    table.CheckConstraint("CK_SecurityGroups_Name", "length(\"Name\") BETWEEN 1 AND 255 AND lower(\"Name\") NOT LIKE 'sg-%'");
                    table.CheckConstraint("CK_SecurityGroups_NameClash", "\"NameClash\" >= 0");
                    table.ForeignKey(
                        name: "FK_SecurityGroups_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SecurityGroups_Vpcs_SnapshotId_VpcId",
                        columns: x => new { x.SnapshotId, x.VpcId },
                        principalTable: "Vpcs",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Subnets",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Cidr = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false),
                    Ipv6Cidr = table.Column<string>(type: "TEXT", maxLength: 49, nullable: true),
                    AvailabilityZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subnets", x => new { x.SnapshotId, x.Id });
                    table.ForeignKey(
                        name: "FK_Subnets_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Subnets_Vpcs_SnapshotId_VpcId",
                        columns: x => new { x.SnapshotId, x.VpcId },
                        principalTable: "Vpcs",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VpcCidrs",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Cidr = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VpcCidrs", x => new { x.SnapshotId, x.VpcId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_VpcCidrs_Vpcs_SnapshotId_VpcId",
                        columns: x => new { x.SnapshotId, x.VpcId },
                        principalTable: "Vpcs",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VpcConnections",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    VpcA = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    VpcB = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GroupReferencing = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VpcConnections", x => new { x.SnapshotId, x.Ordinal });
                    table.CheckConstraint("CK_VpcConnections_Kind", "\"Kind\" IN ('Peering', 'TransitGateway')");
                    table.CheckConstraint("CK_VpcConnections_TwoVpcs", "\"VpcA\" <> \"VpcB\"");
                    table.ForeignKey(
                        name: "FK_VpcConnections_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VpcConnections_Vpcs_SnapshotId_VpcA",
                        columns: x => new { x.SnapshotId, x.VpcA },
                        principalTable: "Vpcs",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VpcConnections_Vpcs_SnapshotId_VpcB",
                        columns: x => new { x.SnapshotId, x.VpcB },
                        principalTable: "Vpcs",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Rules",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Protocol = table.Column<int>(type: "INTEGER", nullable: false),
                    FromPort = table.Column<int>(type: "INTEGER", nullable: false),
                    ToPort = table.Column<int>(type: "INTEGER", nullable: false),
                    PeerCidr = table.Column<string>(type: "TEXT", maxLength: 49, nullable: true),
                    PeerGroupId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    PeerPrefixListId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rules", x => new { x.SnapshotId, x.Id });
                    table.CheckConstraint("CK_Rules_Description", "\"Description\" IS NULL OR length(\"Description\") <= 255");
                    table.CheckConstraint("CK_Rules_Direction", "\"Direction\" IN ('Inbound', 'Outbound')");
                    table.CheckConstraint("CK_Rules_IcmpTypeCode", "\"Protocol\" NOT IN (1, 58) OR (\"FromPort\" BETWEEN -1 AND 255 AND \"ToPort\" BETWEEN -1 AND 255)");
                    table.CheckConstraint("CK_Rules_OnePeer", "(CASE WHEN \"PeerCidr\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"PeerGroupId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"PeerPrefixListId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.CheckConstraint("CK_Rules_PortRange", "\"Protocol\" NOT IN (6, 17) OR (\"FromPort\" BETWEEN 0 AND 65535 AND \"ToPort\" BETWEEN \"FromPort\" AND 65535)");
                    table.CheckConstraint("CK_Rules_Protocol", "\"Protocol\" BETWEEN -1 AND 255");
                    table.ForeignKey(
                        name: "FK_Rules_SecurityGroups_SnapshotId_GroupId",
                        columns: x => new { x.SnapshotId, x.GroupId },
                        principalTable: "SecurityGroups",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SecurityGroupTags",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroupTags", x => new { x.SnapshotId, x.GroupId, x.Key });
                    table.ForeignKey(
                        name: "FK_SecurityGroupTags_SecurityGroups_SnapshotId_GroupId",
                        columns: x => new { x.SnapshotId, x.GroupId },
                        principalTable: "SecurityGroups",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkInterfaces",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    VpcId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SubnetId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    DeviceIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    PublicIp = table.Column<string>(type: "TEXT", maxLength: 49, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaces", x => new { x.SnapshotId, x.Id });
                    table.CheckConstraint("CK_NetworkInterfaces_DeviceIndex", "\"DeviceIndex\" IS NULL OR \"DeviceIndex\" >= 0");
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Instances_SnapshotId_InstanceId",
                        columns: x => new { x.SnapshotId, x.InstanceId },
                        principalTable: "Instances",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Snapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "Snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Subnets_SnapshotId_SubnetId",
                        columns: x => new { x.SnapshotId, x.SubnetId },
                        principalTable: "Subnets",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Vpcs_SnapshotId_VpcId",
                        columns: x => new { x.SnapshotId, x.VpcId },
                        principalTable: "Vpcs",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkInterfaceAddresses",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 49, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaceAddresses", x => new { x.SnapshotId, x.NetworkInterfaceId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_NetworkInterfaceAddresses_NetworkInterfaces_SnapshotId_NetworkInterfaceId",
                        columns: x => new { x.SnapshotId, x.NetworkInterfaceId },
                        principalTable: "NetworkInterfaces",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkInterfaceGroups",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaceGroups", x => new { x.SnapshotId, x.NetworkInterfaceId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_NetworkInterfaceGroups_NetworkInterfaces_SnapshotId_NetworkInterfaceId",
                        columns: x => new { x.SnapshotId, x.NetworkInterfaceId },
                        principalTable: "NetworkInterfaces",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaceGroups_SecurityGroups_SnapshotId_GroupId",
                        columns: x => new { x.SnapshotId, x.GroupId },
                        principalTable: "SecurityGroups",
                        principalColumns: new[] { "SnapshotId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PolicyId_At",
                table: "AuditEntries",
                columns: new[] { "PolicyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_PolicyId",
                table: "Drafts",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_SnapshotId",
                table: "Drafts",
                column: "SnapshotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaceGroups_SnapshotId_GroupId",
                table: "NetworkInterfaceGroups",
                columns: new[] { "SnapshotId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaceGroups_SnapshotId_NetworkInterfaceId_GroupId",
                table: "NetworkInterfaceGroups",
                columns: new[] { "SnapshotId", "NetworkInterfaceId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SnapshotId_InstanceId",
                table: "NetworkInterfaces",
                columns: new[] { "SnapshotId", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SnapshotId_SubnetId",
                table: "NetworkInterfaces",
                columns: new[] { "SnapshotId", "SubnetId" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_SnapshotId_VpcId",
                table: "NetworkInterfaces",
                columns: new[] { "SnapshotId", "VpcId" });

            migrationBuilder.CreateIndex(
                name: "IX_Policies_NormalizedName",
                table: "Policies",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_PolicyId_Number",
                table: "Revisions",
                columns: new[] { "PolicyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SnapshotId",
                table: "Revisions",
                column: "SnapshotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rules_SnapshotId_GroupId",
                table: "Rules",
                columns: new[] { "SnapshotId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_Rules_SnapshotId_PeerGroupId",
                table: "Rules",
                columns: new[] { "SnapshotId", "PeerGroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_Rules_SnapshotId_PeerPrefixListId",
                table: "Rules",
                columns: new[] { "SnapshotId", "PeerPrefixListId" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_SnapshotId_VpcId_NormalizedName_NameClash",
                table: "SecurityGroups",
                columns: new[] { "SnapshotId", "VpcId", "NormalizedName", "NameClash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Snapshots_PolicyId",
                table: "Snapshots",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Subnets_SnapshotId_VpcId",
                table: "Subnets",
                columns: new[] { "SnapshotId", "VpcId" });

            migrationBuilder.CreateIndex(
                name: "IX_VpcConnections_SnapshotId_VpcA",
                table: "VpcConnections",
                columns: new[] { "SnapshotId", "VpcA" });

            migrationBuilder.CreateIndex(
                name: "IX_VpcConnections_SnapshotId_VpcB",
                table: "VpcConnections",
                columns: new[] { "SnapshotId", "VpcB" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "Drafts");

            migrationBuilder.DropTable(
                name: "ExternalEndpoints");

            migrationBuilder.DropTable(
                name: "InstanceTags");

            migrationBuilder.DropTable(
                name: "NetworkInterfaceAddresses");

            migrationBuilder.DropTable(
                name: "NetworkInterfaceGroups");

            migrationBuilder.DropTable(
                name: "PrefixListEntries");

            migrationBuilder.DropTable(
                name: "Revisions");

            migrationBuilder.DropTable(
                name: "Rules");

            migrationBuilder.DropTable(
                name: "SecurityGroupTags");

            migrationBuilder.DropTable(
                name: "VpcCidrs");

            migrationBuilder.DropTable(
                name: "VpcConnections");

            migrationBuilder.DropTable(
                name: "NetworkInterfaces");

            migrationBuilder.DropTable(
                name: "PrefixLists");

            migrationBuilder.DropTable(
                name: "SecurityGroups");

            migrationBuilder.DropTable(
                name: "Instances");

            migrationBuilder.DropTable(
                name: "Subnets");

            migrationBuilder.DropTable(
                name: "Vpcs");

            migrationBuilder.DropTable(
                name: "Snapshots");

            migrationBuilder.DropTable(
                name: "Policies");
        }
    }
}
