import { info, warn } from './console.js';
import { DEMO_TOKENS } from './demo-tokens.js';

/** Two installation engineers in Maharashtra, so the example order's work gets booked. */
const DEMO_ENGINEERS = [
  {
    name: 'Asha Patil',
    email: 'asha.patil@demo.serviceloop.local',
    homeRegion: 'MH',
    timezone: 'Asia/Kolkata',
    skills: ['installation', 'hydraulics', 'training', 'calibration', 'maintenance'].map((skill) => ({ skill, certifiedUntil: '2030-12-31' })),
  },
  {
    name: 'Bala Iyer',
    email: 'bala.iyer@demo.serviceloop.local',
    homeRegion: 'MH',
    regions: ['KA'],
    timezone: 'Asia/Kolkata',
    skills: ['installation', 'hydraulics', 'maintenance'].map((skill) => ({ skill, certifiedUntil: '2030-12-31' })),
  },
];

export async function addDemoEngineers(schedulingUrl: string): Promise<void> {
  for (const engineer of DEMO_ENGINEERS) {
    const response = await fetch(`${schedulingUrl}/engineers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_TOKENS.serviceManager}` },
      body: JSON.stringify(engineer),
    }).catch((error: Error) => ({ status: 0, text: async () => error.message }));
    if (response.status === 201) info(`engineer ${engineer.name} (${engineer.homeRegion}; ${engineer.skills.map((s) => s.skill).join(', ')})`);
    else if (response.status === 409) info(`engineer ${engineer.name} is already on the roster`);
    else warn(`could not add engineer ${engineer.name}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
}
