import { Rule } from '../../engine/rule';
import imageDigestMissing from './image-digest-missing';
import imagePullPolicy from './image-pull-policy';
import imageRegistryDeprecated from './image-registry-deprecated';
import imageTagMutable from './image-tag-mutable';

export const imagesRules: Rule[] = [imageTagMutable, imagePullPolicy, imageDigestMissing, imageRegistryDeprecated];
