import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { PropsCheck } from './props-check';

const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
// One shell word that needs no quoting, so the printed command runs as it is.
const SHELL_WORD = /^[-._a-zA-Z0-9<>]+$/;

/** Props of a {@link PasswordSecretRef}: the Secret and the key in it. */
export interface PasswordSecretRefProps {
  /** Name of the Secret, created out of band with `kubectl create secret generic`. */
  readonly secretName: string;
  /** Key inside the Secret that holds the password. */
  readonly key: string;
  /**
   * What {@link PasswordSecretRef.createCommand} shows in place of the value: a placeholder, or the value itself
   * where the app's images hard-code it and nothing else works (never a real secret: it is printed).
   * @default "<password>"
   */
  readonly valueHint?: string;
}

/**
 * A reference to a Secret that is created out of band, so that its value never appears
 * in code or in the synthesized manifests. It emits no Kubernetes object: workloads turn
 * it into `secretKeyRef` env entries, and {@link createCommand} tells the user how to
 * create the Secret before `kubectl apply`.
 */
export class PasswordSecretRef extends Construct {
  /** Every reference in the tree below `scope`, in tree order. */
  public static allIn(scope: Construct): PasswordSecretRef[] {
    return scope.node.findAll().filter((c): c is PasswordSecretRef => c instanceof PasswordSecretRef);
  }

  /** Name of the Secret. */
  public readonly secretName: string;
  /** Key inside the Secret that holds the password. */
  public readonly key: string;
  /** What the create command shows in place of the value. */
  public readonly valueHint: string;
  /** Namespace of the chart the reference lives in, if the chart sets one. */
  public readonly namespace?: string;

  constructor(scope: Construct, id: string, props: PasswordSecretRefProps) {
    super(scope, id);
    const check = new PropsCheck(this, 'PasswordSecretRef');
    this.secretName = check.dnsSubdomain('secretName', props.secretName);
    if (typeof props.key !== 'string' || props.key.length > 253 || !SECRET_KEY.test(props.key)) {
      check.fail('key', props.key, 'must be a Secret key (letters, digits, "-", "_" and ".")');
    }
    this.key = props.key;
    this.valueHint = props.valueHint ?? '<password>';
    if (typeof this.valueHint !== 'string' || !SHELL_WORD.test(this.valueHint)) {
      check.fail('valueHint', props.valueHint, 'must be one word of letters, digits, "-", "_", ".", "<" and ">"');
    }
    this.namespace = Chart.of(this).namespace;
  }

  /**
   * An env entry that reads the password from the Secret at pod start; workloads make these from `secretEnv`.
   * @param name the environment variable's name.
   */
  public envVar(name: string): k8s.EnvVar {
    return { name, valueFrom: { secretKeyRef: { name: this.secretName, key: this.key } } };
  }

  /** The command a user runs once, before `kubectl apply -f dist`. */
  public get createCommand(): string {
    const namespace = this.namespace ? ` --namespace ${this.namespace}` : '';
    return `kubectl create secret generic ${this.secretName}${namespace} --from-literal ${this.key}=${this.valueHint}`;
  }
}
