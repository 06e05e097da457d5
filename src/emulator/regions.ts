/** Public Tencent Cloud regions with their numeric ids and short aliases, as DescribeRegions reports them. */
const KNOWN_REGIONS: ReadonlyArray<readonly [name: string, id: number, alias: string]> = [
  ['ap-guangzhou', 1, 'gz'],
  ['ap-shanghai', 4, 'sh'],
  ['ap-hongkong', 5, 'hk'],
  ['na-toronto', 6, 'ca'],
  ['ap-shanghai-fsi', 7, 'shjr'],
  ['ap-beijing', 8, 'bj'],
  ['ap-singapore', 9, 'sg'],
  ['ap-shenzhen-fsi', 11, 'szjr'],
  ['na-siliconvalley', 15, 'usw'],
  ['ap-chengdu', 16, 'cd'],
  ['eu-frankfurt', 17, 'de'],
  ['ap-seoul', 18, 'kr'],
  ['ap-chongqing', 19, 'cq'],
  ['ap-mumbai', 21, 'in'],
  ['na-ashburn', 22, 'use'],
  ['ap-bangkok', 23, 'th'],
  ['ap-tokyo', 25, 'jp'],
  ['ap-nanjing', 33, 'nj'],
  ['ap-jakarta', 72, 'jkt'],
  ['sa-saopaulo', 74, 'sao'],
];

export interface RegionInfo {
  readonly name: string;
  readonly id: number;
  readonly alias: string;
}

/** The region table: the known public regions plus any region only the seed mentions. */
export class RegionTable {
  private readonly byName = new Map<string, RegionInfo>();

  constructor(extraRegions: readonly string[]) {
    for (const [name, id, alias] of KNOWN_REGIONS) this.byName.set(name, { name, id, alias });
    let nextId = 1000;
    for (const name of extraRegions) {
      if (!this.byName.has(name)) this.byName.set(name, { name, id: nextId++, alias: name });
    }
  }

  get(name: string): RegionInfo | undefined {
    return this.byName.get(name);
  }

  all(): RegionInfo[] {
    return [...this.byName.values()];
  }
}
