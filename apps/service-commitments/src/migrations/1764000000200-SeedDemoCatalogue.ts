import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demo service templates for the SKUs of the ERP contract's example order.
 * Frozen here as data: later edits go through the catalogue API, not this file.
 */
const TEMPLATES = [
  {
    "sku": "SVC-INSTALL",
    "name": "Installation and commissioning",
    "kind": "installation",
    "startsOn": "dispatch",
    "leadTimeDays": 3,
    "warrantyGraceDays": 30,
    "dueWithinDays": 7,
    "tasks": [
      {
        "key": "install",
        "name": "Install and commission machine",
        "requiredSkills": [
          "installation",
          "hydraulics"
        ],
        "estimatedHours": "16",
        "engineers": 2,
        "after": [],
        "checklist": [
          {
            "item": "Foundation and anchoring verified",
            "kind": "step",
            "required": true
          },
          {
            "item": "Torque wrench set",
            "kind": "tool",
            "required": true
          },
          {
            "item": "Levelling kit",
            "kind": "tool",
            "required": true
          },
          {
            "item": "Installation manual",
            "kind": "document",
            "required": true
          },
          {
            "item": "Commissioning report signed",
            "kind": "document",
            "required": true
          }
        ]
      }
    ],
    "billing": {
      "kind": "fixed_fee",
      "milestones": [
        {
          "taskKey": "install",
          "percent": "100"
        }
      ]
    },
    "sla": {
      "coverage": "8x5",
      "responseHours": 8,
      "resolutionHours": 40,
      "atRiskShare": "0.75"
    },
    "amc": null,
    "active": true,
    "version": 1
  },
  {
    "sku": "SVC-TRAINING",
    "name": "Operator training",
    "kind": "training",
    "startsOn": "dispatch",
    "leadTimeDays": 3,
    "warrantyGraceDays": 30,
    "dueWithinDays": 14,
    "tasks": [
      {
        "key": "train",
        "name": "Train machine operators",
        "requiredSkills": [
          "training"
        ],
        "estimatedHours": "8",
        "engineers": 1,
        "after": [
          "installation"
        ],
        "checklist": [
          {
            "item": "Operator manual copies",
            "kind": "document",
            "required": true
          },
          {
            "item": "Attendance sheet",
            "kind": "document",
            "required": true
          }
        ]
      }
    ],
    "billing": {
      "kind": "fixed_fee",
      "milestones": [
        {
          "taskKey": "train",
          "percent": "100"
        }
      ]
    },
    "sla": {
      "coverage": "8x5",
      "responseHours": 8,
      "resolutionHours": 40,
      "atRiskShare": "0.75"
    },
    "amc": null,
    "active": true,
    "version": 1
  },
  {
    "sku": "SVC-CALIBRATION",
    "name": "Initial calibration",
    "kind": "calibration",
    "startsOn": "dispatch",
    "leadTimeDays": 3,
    "warrantyGraceDays": 30,
    "dueWithinDays": 14,
    "tasks": [
      {
        "key": "calibrate",
        "name": "Calibrate clamping force and injection pressure",
        "requiredSkills": [
          "calibration"
        ],
        "estimatedHours": "6",
        "engineers": 1,
        "after": [
          "installation"
        ],
        "checklist": [
          {
            "item": "Calibrated pressure gauge (certificate in date)",
            "kind": "tool",
            "required": true
          },
          {
            "item": "Calibration certificate template",
            "kind": "document",
            "required": true
          }
        ]
      }
    ],
    "billing": {
      "kind": "fixed_fee",
      "milestones": [
        {
          "taskKey": "calibrate",
          "percent": "100"
        }
      ]
    },
    "sla": {
      "coverage": "8x5",
      "responseHours": 8,
      "resolutionHours": 40,
      "atRiskShare": "0.75"
    },
    "amc": null,
    "active": true,
    "version": 1
  },
  {
    "sku": "SVC-SUPPORT-VISIT",
    "name": "Support visit",
    "kind": "support_visit",
    "startsOn": "call_off",
    "leadTimeDays": 3,
    "warrantyGraceDays": 30,
    "dueWithinDays": 5,
    "tasks": [
      {
        "key": "visit",
        "name": "On-site support visit",
        "requiredSkills": [
          "maintenance"
        ],
        "estimatedHours": "4",
        "engineers": 1,
        "after": [],
        "checklist": [
          {
            "item": "Service report",
            "kind": "document",
            "required": true
          }
        ]
      }
    ],
    "billing": {
      "kind": "fixed_fee",
      "milestones": [
        {
          "taskKey": "visit",
          "percent": "100"
        }
      ]
    },
    "sla": {
      "coverage": "8x5",
      "responseHours": 16,
      "resolutionHours": 40,
      "atRiskShare": "0.75"
    },
    "amc": null,
    "active": true,
    "version": 1
  },
  {
    "sku": "AMC-STD-12M",
    "name": "Annual maintenance contract, 12 months",
    "kind": "amc",
    "startsOn": "dispatch",
    "leadTimeDays": 3,
    "warrantyGraceDays": 30,
    "dueWithinDays": 30,
    "tasks": [
      {
        "key": "preventive",
        "name": "Preventive maintenance visit",
        "requiredSkills": [
          "maintenance"
        ],
        "estimatedHours": "4",
        "engineers": 1,
        "after": [
          "installation"
        ],
        "checklist": [
          {
            "item": "Lubrication kit",
            "kind": "tool",
            "required": true
          },
          {
            "item": "Preventive maintenance checklist",
            "kind": "document",
            "required": true
          }
        ]
      }
    ],
    "billing": {
      "kind": "contract_fee",
      "schedule": "quarterly"
    },
    "sla": {
      "coverage": "24x7",
      "responseHours": 4,
      "resolutionHours": 24,
      "atRiskShare": "0.75"
    },
    "amc": {
      "termMonths": 12,
      "visitsPerTerm": 4,
      "scope": "labour",
      "startRule": "warranty_end"
    },
    "active": true,
    "version": 1
  }
];

export class SeedDemoCatalogue1764000000200 implements MigrationInterface {
  name = 'SeedDemoCatalogue1764000000200';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TEMPLATES) {
      await q.query(
        `INSERT INTO "service_template" ("sku", "name", "kind", "starts_on", "lead_time_days", "warranty_grace_days", "due_within_days", "tasks", "billing", "sla", "amc", "active", "version")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT ("sku") DO NOTHING`,
        [t.sku, t.name, t.kind, t.startsOn, t.leadTimeDays, t.warrantyGraceDays, t.dueWithinDays,
          JSON.stringify(t.tasks), JSON.stringify(t.billing), JSON.stringify(t.sla), t.amc ? JSON.stringify(t.amc) : null, t.active, t.version],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "service_template" WHERE "sku" = ANY($1)`, [TEMPLATES.map((t) => t.sku)]);
  }
}
