import type { ComponentType } from 'react';
import type { ScreenId } from '../lib/screens';
import { AccountingScreen } from './accounting/accounting-screen';
import { AuditScreen } from './audit/audit-screen';
import { BackendsScreen } from './backends/backends-screen';
import { BenchScreen } from './bench/bench-screen';
import { ConfigEditorScreen } from './config-editor/config-editor-screen';
import { DashboardScreen } from './dashboard/dashboard-screen';
import { DevicesScreen } from './devices/devices-screen';
import { LabStatusScreen } from './lab-status/lab-status-screen';
import { PacketTraceScreen } from './packet-trace/packet-trace-screen';
import { ServersScreen } from './servers/servers-screen';
import { SessionsScreen } from './sessions/sessions-screen';
import { SettingsScreen } from './settings/settings-screen';
import { TestClientScreen } from './test-client/test-client-screen';
import { UsersGroupsScreen } from './users-groups/users-groups-screen';

/** One component per screen; a missing screen is a compile error. */
export const screenComponents: Record<ScreenId, ComponentType> = {
  status: LabStatusScreen,
  dashboard: DashboardScreen,
  servers: ServersScreen,
  config: ConfigEditorScreen,
  devices: DevicesScreen,
  users: UsersGroupsScreen,
  backends: BackendsScreen,
  sessions: SessionsScreen,
  trace: PacketTraceScreen,
  accounting: AccountingScreen,
  audit: AuditScreen,
  client: TestClientScreen,
  bench: BenchScreen,
  settings: SettingsScreen,
};
