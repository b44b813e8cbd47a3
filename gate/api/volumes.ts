// Pod volumes as the API server validates them (pkg/apis/core/validation/validation.go: validateVolumeSource
// and the validate<Source>VolumeSource functions, validateKeyToPath, validateDownwardAPIVolumeFile, validateProjectionSources).
import type { Add } from './pod-fields';
import { asList, asMap } from '../core/manifest';
import { quantityValue } from '../core/quantity';

const MAX_MODE = 0o777;
const DOWNWARD_VOLUME_FIELDS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
/** The fields of a volume that name its source; the rest of a Volume is its name. */
const SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
const PROJECTIONS = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];

/** A relative path without '..' elements, as items and subPaths must be. */
export function relativePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  if (path === '') return 'is required';
  if (path.startsWith('/')) return `${JSON.stringify(path)} must be a relative path`;
  if (path.startsWith('..')) return `${JSON.stringify(path)} must not start with '..'`;
  return path.split('/').includes('..') ? `${JSON.stringify(path)} must not contain '..'` : undefined;
}

function modeProblem(mode: unknown, path: string, add: Add): void {
  if (typeof mode === 'number' && (mode < 0 || mode > MAX_MODE)) add(path, `${mode} must be a file mode from 0 to 0777 (511)`);
}

function itemsProblems(items: unknown, path: string, add: Add): string[] {
  return asList(items).map((value, i) => {
    const { key, path: itemPath, mode } = asMap(value);
    if (!key) add(`${path}[${i}].key`, 'is required');
    const problem = relativePathProblem(itemPath ?? '');
    if (problem) add(`${path}[${i}].path`, problem);
    modeProblem(mode, `${path}[${i}].mode`, add);
    return itemPath;
  });
}

function downwardItemsProblems(items: unknown, path: string, add: Add): string[] {
  return asList(items).map((value, i) => {
    const { path: itemPath, fieldRef, resourceFieldRef, mode } = asMap(value);
    const problem = relativePathProblem(itemPath ?? '');
    if (problem) add(`${path}[${i}].path`, problem);
    const field = asMap(fieldRef).fieldPath;
    if (fieldRef !== undefined && typeof field === 'string' && !DOWNWARD_VOLUME_FIELDS.includes(field.replace(/\[.*$/, ''))) {
      add(`${path}[${i}].fieldRef.fieldPath`, `${JSON.stringify(field)} is not supported in a volume (${DOWNWARD_VOLUME_FIELDS.join(', ')})`);
    }
    if ((fieldRef === undefined) === (resourceFieldRef === undefined)) add(`${path}[${i}]`, 'must set exactly one of fieldRef and resourceFieldRef');
    if (resourceFieldRef !== undefined && !asMap(resourceFieldRef).containerName) add(`${path}[${i}].resourceFieldRef.containerName`, 'is required in a volume');
    modeProblem(mode, `${path}[${i}].mode`, add);
    return itemPath;
  });
}

/** The problems of each volume's source, by the volume's path. */
export function volumeProblems(volumes: readonly unknown[], at: string, add: Add): void {
  volumes.forEach((value, i) => {
    const volume = asMap(value);
    const path = `${at}[${i}]`;
    const sources = SOURCES.filter((source) => volume[source] !== undefined);
    // A volume without a source is defaulted to an emptyDir.
    if (sources.length > 1) add(path, `may not specify more than 1 volume type (${sources.join(', ')})`);
    const { configMap, secret, emptyDir, hostPath, persistentVolumeClaim, downwardAPI, projected, nfs, ephemeral } = volume;
    if (configMap !== undefined) {
      if (!asMap(configMap).name) add(`${path}.configMap.name`, 'is required');
      modeProblem(asMap(configMap).defaultMode, `${path}.configMap.defaultMode`, add);
      itemsProblems(asMap(configMap).items, `${path}.configMap.items`, add);
    }
    if (secret !== undefined) {
      if (!asMap(secret).secretName) add(`${path}.secret.secretName`, 'is required');
      modeProblem(asMap(secret).defaultMode, `${path}.secret.defaultMode`, add);
      itemsProblems(asMap(secret).items, `${path}.secret.items`, add);
    }
    if (emptyDir !== undefined) {
      const { sizeLimit } = asMap(emptyDir);
      const size = quantityValue(sizeLimit);
      if (size !== undefined && size < 0) add(`${path}.emptyDir.sizeLimit`, `${JSON.stringify(sizeLimit)} must not be negative`);
    }
    if (hostPath !== undefined) {
      const { path: hostDir, type } = asMap(hostPath);
      if (!hostDir) add(`${path}.hostPath.path`, 'is required');
      else if (String(hostDir).split('/').includes('..')) add(`${path}.hostPath.path`, `${JSON.stringify(hostDir)} must not contain '..'`);
      if (typeof type === 'string' && !HOST_PATH_TYPES.includes(type)) add(`${path}.hostPath.type`, `${JSON.stringify(type)} must be one of ${HOST_PATH_TYPES.filter(Boolean).join(', ')}`);
    }
    if (persistentVolumeClaim !== undefined && !asMap(persistentVolumeClaim).claimName) add(`${path}.persistentVolumeClaim.claimName`, 'is required');
    if (nfs !== undefined) {
      if (!asMap(nfs).server) add(`${path}.nfs.server`, 'is required');
      if (!String(asMap(nfs).path ?? '').startsWith('/')) add(`${path}.nfs.path`, 'must be an absolute path');
    }
    if (volume.csi !== undefined && !asMap(volume.csi).driver) add(`${path}.csi.driver`, 'is required');
    if (ephemeral !== undefined && asMap(ephemeral).volumeClaimTemplate === undefined) add(`${path}.ephemeral.volumeClaimTemplate`, 'is required');
    if (downwardAPI !== undefined) {
      modeProblem(asMap(downwardAPI).defaultMode, `${path}.downwardAPI.defaultMode`, add);
      downwardItemsProblems(asMap(downwardAPI).items, `${path}.downwardAPI.items`, add);
    }
    if (projected !== undefined) projectedProblems(asMap(projected), `${path}.projected`, add);
  });
}

function projectedProblems(projected: Record<string, any>, path: string, add: Add): void {
  modeProblem(projected.defaultMode, `${path}.defaultMode`, add);
  const written: string[] = [];
  asList(projected.sources).forEach((value, i) => {
    const source = asMap(value);
    const where = `${path}.sources[${i}]`;
    const kinds = PROJECTIONS.filter((kind) => source[kind] !== undefined);
    if (kinds.length > 1) add(where, `may not specify more than 1 volume type per source (${kinds.join(', ')})`);
    for (const kind of ['secret', 'configMap']) if (source[kind] !== undefined) written.push(...itemsProblems(asMap(source[kind]).items, `${where}.${kind}.items`, add));
    if (source.downwardAPI !== undefined) written.push(...downwardItemsProblems(asMap(source.downwardAPI).items, `${where}.downwardAPI.items`, add));
    if (source.serviceAccountToken !== undefined) {
      const { path: tokenPath, expirationSeconds } = asMap(source.serviceAccountToken);
      const problem = relativePathProblem(tokenPath ?? '');
      if (problem) add(`${where}.serviceAccountToken.path`, problem);
      else written.push(tokenPath);
      if (typeof expirationSeconds === 'number' && expirationSeconds < 600) add(`${where}.serviceAccountToken.expirationSeconds`, `${expirationSeconds} may not be less than 10 minutes (600)`);
      if (typeof expirationSeconds === 'number' && expirationSeconds > 2 ** 32) add(`${where}.serviceAccountToken.expirationSeconds`, `${expirationSeconds} may not be more than 2^32 seconds`);
    }
  });
  const duplicate = written.find((file, i) => typeof file === 'string' && written.indexOf(file) !== i);
  if (duplicate) add(path, `two sources write the path ${JSON.stringify(duplicate)}`);
}
